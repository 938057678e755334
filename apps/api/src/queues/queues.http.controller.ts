import { Controller, Get, Inject } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { CLOCK, type Clock } from '@app/commanding';
import { listQueues, queueCounts, queuePage, type QueueKey } from '@app/projections';
import { ID_PATTERN } from '@app/validation';
import { ApiAnswer } from '../openapi/api-answer.decorator';
import type { QueueCountsResponse, QueueListResponse, QueueResponse } from '../openapi/responses';
import { Authorized } from '../shared/auth/auth.guard';
import { MinPosition, ReadsYourWrites } from '../shared/min-position.decorator';
import { cursors, isInstant, ReadModels } from '../shared/read-model';
import { PathParam, ValidQuery } from '../shared/request.decorators';
import { GetQueueRequest, QueueFilter, QueueGroup } from './queue-filter.request';

const ID = new RegExp(ID_PATTERN);

/** A page's key as a cursor carries it, each part checked before it reaches SQL. */
const QUEUE_KEY = [
  (due: unknown) => due === 'infinity' || isInstant(due),
  Number.isSafeInteger,
  isInstant,
  (id: unknown) => typeof id === 'string' && ID.test(id),
];

/** Queues on the `queue` read model: open tickets by group, in SLA due order. */
@ApiTags('queues')
@Controller('v1/queues')
export class QueuesHttpController {
  constructor(
    private readonly readModels: ReadModels,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @ApiOperation({
    summary: 'Every group with open tickets (`unassigned` for those without one), with its counts per SLA state.',
  })
  @Get()
  @ApiAnswer('QueueListResponse')
  @ReadsYourWrites()
  @Authorized('read')
  async listQueues(@MinPosition() minPosition?: string): Promise<QueueListResponse> {
    return { queues: await listQueues(await this.readModels.open('queue', minPosition), this.clock.now()) };
  }

  @ApiOperation({
    summary: 'Open tickets of a group (`unassigned` for tickets without one), by next SLA due, then priority.',
  })
  @Get(':group')
  @ApiAnswer('QueueResponse')
  @ReadsYourWrites()
  @Authorized('read')
  async getQueue(
    @PathParam('group', QueueGroup) group: string,
    @ValidQuery(GetQueueRequest) { limit, cursor, ...filter }: GetQueueRequest,
    @MinPosition() minPosition?: string,
  ): Promise<QueueResponse> {
    const after = (cursors.decode(cursor, QUEUE_KEY) as QueueKey | undefined) ?? null;
    const model = await this.readModels.open('queue', minPosition);
    const page = await queuePage(model, { group, filter, now: this.clock.now(), after, limit: limit ?? 50 });
    return { group, items: page.items, nextCursor: page.next && cursors.encode(page.next) };
  }

  @ApiOperation({ summary: 'How many open tickets of the group are on track, at risk, breached or paused.' })
  @Get(':group/counts')
  @ApiAnswer('QueueCountsResponse')
  @ReadsYourWrites()
  @Authorized('read')
  async getQueueCounts(
    @PathParam('group', QueueGroup) group: string,
    @ValidQuery(QueueFilter) filter: QueueFilter,
    @MinPosition() minPosition?: string,
  ): Promise<QueueCountsResponse> {
    return queueCounts(await this.readModels.open('queue', minPosition), group, filter, this.clock.now());
  }
}
