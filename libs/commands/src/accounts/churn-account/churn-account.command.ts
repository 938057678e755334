import { BusCommand } from '../../bus-command';

export interface ChurnAccount {
  reason: string;
  /** YYYY-MM-DD; today (UTC) when left out. */
  effectiveDate?: string;
}

export class ChurnAccountCommand extends BusCommand<ChurnAccount> {}
