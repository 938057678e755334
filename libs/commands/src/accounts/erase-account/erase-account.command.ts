import { BusCommand } from '../../bus-command';

export interface EraseAccount {
  /** Why, for the record: a request reference, never personal data. */
  reason: string;
}

export class EraseAccountCommand extends BusCommand<EraseAccount> {}
