import { Controller, Get } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiAnswer } from '../../../openapi/api-answer.decorator';
import type { QueueListResponse } from '../../../openapi/responses';
import { Authorized } from '../../../shared/auth/auth.guard';
import { MinPosition, ReadsYourWrites } from '../../../shared/min-position.decorator';
import { ListQueuesQuery } from './list-queues.query';

@ApiTags('queues')
@Controller('v1/queues')
export class ListQueuesHttpController {
  constructor(private readonly queries: QueryBus) {}

  @ApiOperation({
    summary: 'Every group with open tickets (`unassigned` for those without one), with its counts per SLA state.',
  })
  @Get()
  @ApiAnswer('QueueListResponse')
  @ReadsYourWrites()
  @Authorized('read')
  listQueues(@MinPosition() minPosition?: string): Promise<QueueListResponse> {
    return this.queries.execute(new ListQueuesQuery(minPosition));
  }
}
