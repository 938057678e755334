import { Type } from 'class-transformer';
import { IsOptional, Matches, ValidateNested } from 'class-validator';
import { DATE_PATTERN, MoneyDto } from '../../../shared/common.dto';

export class ContractContractRequest {
  /** The ARR change, positive, in the contract currency. */
  @ValidateNested()
  @Type(() => MoneyDto)
  delta: MoneyDto;

  /** YYYY-MM-DD; defaults to today (UTC). */
  @IsOptional()
  @Matches(DATE_PATTERN, { message: 'must be a YYYY-MM-DD date' })
  effectiveDate?: string;
}
