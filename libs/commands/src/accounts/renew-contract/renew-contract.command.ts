import type { Money } from '@app/domain';
import { BusCommand } from '../../bus-command';

export interface RenewContract {
  arr: Money;
  renewalDate: string;
  /** YYYY-MM-DD; today (UTC) when left out. */
  effectiveDate?: string;
}

export class RenewContractCommand extends BusCommand<RenewContract> {}
