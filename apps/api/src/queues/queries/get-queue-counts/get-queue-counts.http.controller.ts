import { Controller, Get, Headers, Param, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import { Authorized } from '../../../shared/auth/auth.guard';
import { QueueFilterDto } from '../../queue-filter.dto';
import { GetQueueCountsQuery } from './get-queue-counts.query';
import { ApiAnswer } from '../../../openapi/api-answer.decorator';
import type { QueueCountsResponse } from '../../../openapi/responses';

@ApiTags('queues')
@Controller('v1/queues')
export class GetQueueCountsHttpController {
  constructor(private readonly queries: QueryBus) {}

  /** How many open tickets of the group are on track, at risk, breached or paused. */
  @Get(':group/counts')
  @ApiAnswer('QueueCountsResponse')
  @Authorized('read')
  getQueueCounts(@Param('group') group: string, @Query() filter: QueueFilterDto, @Headers('x-min-position') minPosition?: string): Promise<QueueCountsResponse> {
    return this.queries.execute(new GetQueueCountsQuery(group, filter, minPosition));
  }
}
