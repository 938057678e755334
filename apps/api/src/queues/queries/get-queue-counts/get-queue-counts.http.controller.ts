import { Controller, Get, Param, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import { Authorized } from '../../../shared/auth/auth.guard';
import { QueueFilterDto } from '../../queue-filter.dto';
import { GetQueueCountsQuery } from './get-queue-counts.query';
import { ApiAnswer } from '../../../openapi/api-answer.decorator';
import type { QueueCountsResponse } from '../../../openapi/responses';
import { MinPosition, ReadsYourWrites } from '../../../shared/min-position.decorator';

@ApiTags('queues')
@Controller('v1/queues')
export class GetQueueCountsHttpController {
  constructor(private readonly queries: QueryBus) {}

  /** How many open tickets of the group are on track, at risk, breached or paused. */
  @Get(':group/counts')
  @ApiAnswer('QueueCountsResponse')
  @ReadsYourWrites()
  @Authorized('read')
  getQueueCounts(
    @Param('group') group: string,
    @Query() filter: QueueFilterDto,
    @MinPosition() minPosition?: string,
  ): Promise<QueueCountsResponse> {
    return this.queries.execute(new GetQueueCountsQuery(group, filter, minPosition));
  }
}
