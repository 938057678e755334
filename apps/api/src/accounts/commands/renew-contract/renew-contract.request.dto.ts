import { Type } from 'class-transformer';
import { IsOptional, Matches, ValidateNested } from 'class-validator';
import { DATE_PATTERN, MoneyDto } from '../../../shared/common.dto';

export class RenewContractRequest {
  /** ARR from the renewal on. */
  @ValidateNested()
  @Type(() => MoneyDto)
  arr: MoneyDto;

  /** The next renewal date, YYYY-MM-DD. */
  @Matches(DATE_PATTERN, { message: 'must be a YYYY-MM-DD date' })
  renewalDate: string;

  /** When the renewal takes effect, YYYY-MM-DD; defaults to today (UTC). */
  @IsOptional()
  @Matches(DATE_PATTERN, { message: 'must be a YYYY-MM-DD date' })
  effectiveDate?: string;
}
