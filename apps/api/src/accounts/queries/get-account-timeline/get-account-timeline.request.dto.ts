import { IsOptional } from 'class-validator';
import { IsIsoInstant } from '../../../shared/common.dto';
import { GetAccountHistoryRequest } from '../get-account-history/get-account-history.request.dto';

/** The history's filters (types, asOf, paging) and a range of occurred time. */
export class GetAccountTimelineRequest extends GetAccountHistoryRequest {
  /** Events that occurred at or after this instant (ISO 8601). */
  @IsOptional()
  @IsIsoInstant()
  from?: string;

  /** Events that occurred before this instant (ISO 8601). */
  @IsOptional()
  @IsIsoInstant()
  to?: string;
}
