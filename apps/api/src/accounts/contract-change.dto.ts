import { IsOptional } from 'class-validator';
import { IsCalendarDate, MoneyDto, NestedObject } from '../shared/common.dto';

/** An ARR change by a positive delta: expansions and contractions share it. */
export class ContractChangeRequest {
  /** The ARR change, positive, in the contract currency. */
  @NestedObject(() => MoneyDto)
  delta: MoneyDto;

  /** YYYY-MM-DD; defaults to today (UTC). */
  @IsOptional()
  @IsCalendarDate()
  effectiveDate?: string;
}
