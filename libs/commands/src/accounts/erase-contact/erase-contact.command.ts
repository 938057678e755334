import { BusCommand } from '../../bus-command';

export interface EraseContact {
  contactId: string;
  /** Why, for the record: a request reference, never personal data. */
  reason: string;
}

export class EraseContactCommand extends BusCommand<EraseContact> {}
