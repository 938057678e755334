import { Controller, Get } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Authorized } from '../../../shared/auth/auth.guard';
import { QueueFilter, QueueGroup } from '../../queue-filter.request';
import { GetQueueCountsQuery } from './get-queue-counts.query';
import { ApiAnswer } from '../../../openapi/api-answer.decorator';
import type { QueueCountsResponse } from '../../../openapi/responses';
import { MinPosition, ReadsYourWrites } from '../../../shared/min-position.decorator';
import { PathParam, ValidQuery } from '../../../shared/request.decorators';

@ApiTags('queues')
@Controller('v1/queues')
export class GetQueueCountsHttpController {
  constructor(private readonly queries: QueryBus) {}

  @ApiOperation({ summary: 'How many open tickets of the group are on track, at risk, breached or paused.' })
  @Get(':group/counts')
  @ApiAnswer('QueueCountsResponse')
  @ReadsYourWrites()
  @Authorized('read')
  getQueueCounts(
    @PathParam('group', QueueGroup) group: string,
    @ValidQuery(QueueFilter) filter: QueueFilter,
    @MinPosition() minPosition?: string,
  ): Promise<QueueCountsResponse> {
    return this.queries.execute(new GetQueueCountsQuery(group, filter, minPosition));
  }
}
