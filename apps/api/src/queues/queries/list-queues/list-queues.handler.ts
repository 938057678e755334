import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { CLOCK, type Clock } from '@app/commanding';
import { qualified } from '@app/projections';
import { ReadModels } from '../../../shared/read-model';
import type { SlaState } from '../../queue-filter.request';
import { queueStateCounts } from '../../queue.sql';
import { countsOf, type QueueCounts } from '../get-queue-counts/get-queue-counts.handler';
import { ListQueuesQuery } from './list-queues.query';

export interface QueueList {
  queues: QueueCounts[];
}

/** The groups that have open tickets, each with its counts per SLA state (what a queue overview shows). */
@QueryHandler(ListQueuesQuery)
export class ListQueuesHandler implements IQueryHandler<ListQueuesQuery, QueueList> {
  constructor(
    private readonly readModels: ReadModels,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ minPosition }: ListQueuesQuery): Promise<QueueList> {
    const schema = await this.readModels.schema('queue', minPosition);
    const { rows } = await this.readModels.pool.query<{ group_name: string; sla_state: SlaState; n: string }>(
      queueStateCounts(qualified(schema, 'tickets')),
      [this.clock.now()],
    );
    const groups = new Map<string, typeof rows>();
    for (const row of rows) groups.set(row.group_name, [...(groups.get(row.group_name) ?? []), row]);
    return { queues: [...groups].map(([group, counted]) => countsOf(group, counted)) };
  }
}
