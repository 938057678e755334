import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { IntegerQuery } from '../../../shared/common.dto';

export class ListRenewalsRequest {
  /** Renewals due within this many days from today (default 90). */
  @IsOptional()
  @IntegerQuery()
  @IsInt()
  @Min(1)
  @Max(366)
  withinDays?: number;
}
