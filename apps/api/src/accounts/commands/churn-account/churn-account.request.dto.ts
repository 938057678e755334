import { IsOptional, IsString, Length } from 'class-validator';
import type { ChurnAccount } from '@app/commands';
import { IsCalendarDate } from '../../../shared/common.dto';

export class ChurnAccountRequest implements ChurnAccount {
  @IsString()
  @Length(1, 2000)
  reason: string;

  /** YYYY-MM-DD; defaults to today (UTC). */
  @IsOptional()
  @IsCalendarDate()
  effectiveDate?: string;
}
