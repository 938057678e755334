import { Controller, Get, Headers, Param, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiHeader, ApiTags } from '@nestjs/swagger';
import { Authorized } from '../../../shared/auth/auth.guard';
import { IdPipe } from '../../../shared/stream-id.pipe';
import type { TimelineEntry } from './get-account-timeline.handler';
import { GetAccountTimelineQuery } from './get-account-timeline.query';
import { GetAccountTimelineRequest } from './get-account-timeline.request.dto';

@ApiTags('accounts')
@Controller('v1/accounts')
export class GetAccountTimelineHttpController {
  constructor(private readonly queries: QueryBus) {}

  /** Every event of the account and its tickets in log order, with actor, time, summary and payload. */
  @Get(':id/timeline')
  @Authorized('read')
  @ApiHeader({ name: 'X-Min-Position', required: false, description: 'Wait until the timeline has applied this log position.' })
  getAccountTimeline(
    @Param('id', IdPipe) id: string,
    @Query() request: GetAccountTimelineRequest,
    @Headers('x-min-position') minPosition?: string,
  ): Promise<{ accountId: string; entries: TimelineEntry[]; nextCursor: string | null }> {
    return this.queries.execute(new GetAccountTimelineQuery(id, request, minPosition));
  }
}
