import { Controller, Get, Headers, Param, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiHeader, ApiTags } from '@nestjs/swagger';
import { Authorized } from '../../../shared/auth/auth.guard';
import { GetQueueQuery } from './get-queue.query';
import type { QueuePage } from './get-queue.handler';
import { GetQueueRequest } from './get-queue.request.dto';

@ApiTags('queues')
@Controller('v1/queues')
export class GetQueueHttpController {
  constructor(private readonly queries: QueryBus) {}

  /** Open tickets of a group (`unassigned` for tickets without one), by next SLA due, then priority. */
  @Get(':group')
  @Authorized('read')
  @ApiHeader({ name: 'X-Min-Position', required: false, description: 'Wait until the read model has applied this log position (a command answer’s position).' })
  getQueue(@Param('group') group: string, @Query() request: GetQueueRequest, @Headers('x-min-position') minPosition?: string): Promise<QueuePage> {
    return this.queries.execute(new GetQueueQuery(group, request, minPosition));
  }
}
