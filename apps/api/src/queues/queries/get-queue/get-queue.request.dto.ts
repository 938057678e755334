import { IsInt, IsOptional, IsString, Max, Min } from 'class-validator';
import { IntegerQuery } from '../../../shared/common.dto';
import { QueueFilterDto } from '../../queue-filter.dto';

export class GetQueueRequest extends QueueFilterDto {
  /** Page size (default 50). */
  @IsOptional()
  @IntegerQuery()
  @IsInt()
  @Min(1)
  @Max(500)
  limit?: number;

  /** `nextCursor` of the previous page. */
  @IsOptional()
  @IsString()
  cursor?: string;
}
