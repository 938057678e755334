import { Controller, Get } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Authorized } from '../../../shared/auth/auth.guard';
import { GetAccountTimelineQuery } from './get-account-timeline.query';
import { GetAccountTimelineRequest } from './get-account-timeline.request';
import { ApiAnswer } from '../../../openapi/api-answer.decorator';
import type { AccountTimelineResponse } from '../../../openapi/responses';
import { MinPosition, ReadsYourWrites } from '../../../shared/min-position.decorator';
import { PathParam, ValidQuery } from '../../../shared/request.decorators';

@ApiTags('accounts')
@Controller('v1/accounts')
export class GetAccountTimelineHttpController {
  constructor(private readonly queries: QueryBus) {}

  @ApiOperation({
    summary: 'Every event of the account and its tickets in log order, with actor, time, summary and payload.',
  })
  @Get(':id/timeline')
  @ApiAnswer('AccountTimelineResponse')
  @ReadsYourWrites()
  @Authorized('read')
  getAccountTimeline(
    @PathParam('id') id: string,
    @ValidQuery(GetAccountTimelineRequest) request: GetAccountTimelineRequest,
    @MinPosition() minPosition?: string,
  ): Promise<AccountTimelineResponse> {
    return this.queries.execute(new GetAccountTimelineQuery(id, request, minPosition));
  }
}
