import { IsOptional } from 'class-validator';
import type { RenewContract } from '@app/commands';
import { IsCalendarDate, MoneyDto, NestedObject } from '../../../shared/common.dto';

export class RenewContractRequest implements RenewContract {
  /** ARR from the renewal on. */
  @NestedObject(() => MoneyDto)
  arr: MoneyDto;

  /** The next renewal date, YYYY-MM-DD. */
  @IsCalendarDate()
  renewalDate: string;

  /** When the renewal takes effect, YYYY-MM-DD; defaults to today (UTC). */
  @IsOptional()
  @IsCalendarDate()
  effectiveDate?: string;
}
