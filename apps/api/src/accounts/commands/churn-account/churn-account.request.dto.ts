import { IsOptional, IsString, Length, Matches } from 'class-validator';
import { DATE_PATTERN } from '../../../shared/common.dto';

export class ChurnAccountRequest {
  @IsString()
  @Length(1, 2000)
  reason: string;

  /** YYYY-MM-DD; defaults to today (UTC). */
  @IsOptional()
  @Matches(DATE_PATTERN, { message: 'must be a YYYY-MM-DD date' })
  effectiveDate?: string;
}
