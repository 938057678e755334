import { Transform, Type } from 'class-transformer';
import { IsArray, IsInt, IsISO8601, IsOptional, IsString, Matches, Max, Min } from 'class-validator';

export class GetAccountTimelineRequest {
  /** Event types to include, comma-separated (e.g. TicketOpened,SlaTargetBreached). */
  @IsOptional()
  @Transform(({ value }) => (typeof value === 'string' ? value.split(',').filter(Boolean) : value))
  @IsArray()
  @Matches(/^[A-Za-z]{1,100}$/, { each: true, message: 'each type must be an event type name' })
  types?: string[];

  /** Events that occurred at or after this instant (ISO 8601). */
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'must be an ISO 8601 instant' })
  from?: string;

  /** Events that occurred before this instant (ISO 8601). */
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'must be an ISO 8601 instant' })
  to?: string;

  /** Time travel: the history as it was recorded at this instant (ISO 8601) or log position (digits). */
  @IsOptional()
  @Matches(/^(\d{1,19}|\d{4}-\d{2}-\d{2}T.*)$/, { message: 'must be a log position or an ISO 8601 instant' })
  asOf?: string;

  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1000)
  limit?: number;

  @IsOptional()
  @IsString()
  cursor?: string;
}
