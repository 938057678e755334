import { Transform } from 'class-transformer';
import { IsArray, IsInt, IsOptional, IsString, Matches, Max, Min } from 'class-validator';
import { IntegerQuery, IsPositionOrInstant } from '../../../shared/common.dto';

export class GetAccountHistoryRequest {
  /** Event types to include, comma-separated (e.g. ContractRenewed,TicketOpened). */
  @IsOptional()
  @Transform(({ value }) => (typeof value === 'string' ? value.split(',').filter(Boolean) : value))
  @IsArray()
  @Matches(/^[A-Za-z]{1,100}$/, { each: true, message: 'each type must be an event type name' })
  types?: string[];

  /** Time travel: the history as it was recorded at this instant (ISO 8601) or log position (digits). */
  @IsOptional()
  @IsPositionOrInstant()
  asOf?: string;

  @IsOptional()
  @IntegerQuery()
  @IsInt()
  @Min(1)
  @Max(1000)
  limit?: number;

  @IsOptional()
  @IsString()
  cursor?: string;
}
