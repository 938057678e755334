import { Type } from 'class-transformer';
import { IsOptional, ValidateNested } from 'class-validator';
import { IsCalendarDate, MoneyDto } from '../../../shared/common.dto';

export class ExpandContractRequest {
  /** The ARR change, positive, in the contract currency. */
  @ValidateNested()
  @Type(() => MoneyDto)
  delta: MoneyDto;

  /** YYYY-MM-DD; defaults to today (UTC). */
  @IsOptional()
  @IsCalendarDate()
  effectiveDate?: string;
}
