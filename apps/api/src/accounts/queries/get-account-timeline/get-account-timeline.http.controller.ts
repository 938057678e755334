import { Controller, Get, Param, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import { Authorized } from '../../../shared/auth/auth.guard';
import { IdPipe } from '../../../shared/stream-id.pipe';
import { GetAccountTimelineQuery } from './get-account-timeline.query';
import { GetAccountTimelineRequest } from './get-account-timeline.request.dto';
import { ApiAnswer } from '../../../openapi/api-answer.decorator';
import type { AccountTimelineResponse } from '../../../openapi/responses';
import { MinPosition, ReadsYourWrites } from '../../../shared/min-position.decorator';

@ApiTags('accounts')
@Controller('v1/accounts')
export class GetAccountTimelineHttpController {
  constructor(private readonly queries: QueryBus) {}

  /** Every event of the account and its tickets in log order, with actor, time, summary and payload. */
  @Get(':id/timeline')
  @ApiAnswer('AccountTimelineResponse')
  @ReadsYourWrites()
  @Authorized('read')
  getAccountTimeline(
    @Param('id', IdPipe) id: string,
    @Query() request: GetAccountTimelineRequest,
    @MinPosition() minPosition?: string,
  ): Promise<AccountTimelineResponse> {
    return this.queries.execute(new GetAccountTimelineQuery(id, request, minPosition));
  }
}
