import { Controller, Get, Param, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import { Authorized } from '../../../shared/auth/auth.guard';
import { GetQueueQuery } from './get-queue.query';
import { GetQueueRequest } from './get-queue.request.dto';
import { ApiAnswer } from '../../../openapi/api-answer.decorator';
import type { QueueResponse } from '../../../openapi/responses';
import { MinPosition, ReadsYourWrites } from '../../../shared/min-position.decorator';

@ApiTags('queues')
@Controller('v1/queues')
export class GetQueueHttpController {
  constructor(private readonly queries: QueryBus) {}

  /** Open tickets of a group (`unassigned` for tickets without one), by next SLA due, then priority. */
  @Get(':group')
  @ApiAnswer('QueueResponse')
  @ReadsYourWrites()
  @Authorized('read')
  getQueue(
    @Param('group') group: string,
    @Query() request: GetQueueRequest,
    @MinPosition() minPosition?: string,
  ): Promise<QueueResponse> {
    return this.queries.execute(new GetQueueQuery(group, request, minPosition));
  }
}
