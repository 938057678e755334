import { Controller, Get } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Authorized } from '../../../shared/auth/auth.guard';
import { GetQueueQuery } from './get-queue.query';
import { GetQueueRequest } from './get-queue.request';
import { QueueGroup } from '../../queue-filter.request';
import { ApiAnswer } from '../../../openapi/api-answer.decorator';
import type { QueueResponse } from '../../../openapi/responses';
import { MinPosition, ReadsYourWrites } from '../../../shared/min-position.decorator';
import { PathParam, ValidQuery } from '../../../shared/request.decorators';

@ApiTags('queues')
@Controller('v1/queues')
export class GetQueueHttpController {
  constructor(private readonly queries: QueryBus) {}

  @ApiOperation({
    summary: 'Open tickets of a group (`unassigned` for tickets without one), by next SLA due, then priority.',
  })
  @Get(':group')
  @ApiAnswer('QueueResponse')
  @ReadsYourWrites()
  @Authorized('read')
  getQueue(
    @PathParam('group', QueueGroup) group: string,
    @ValidQuery(GetQueueRequest) request: GetQueueRequest,
    @MinPosition() minPosition?: string,
  ): Promise<QueueResponse> {
    return this.queries.execute(new GetQueueQuery(group, request, minPosition));
  }
}
