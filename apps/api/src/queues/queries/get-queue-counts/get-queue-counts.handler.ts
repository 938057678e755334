import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { CLOCK, type Clock } from '@app/commanding';
import { qualified } from '@app/projections';
import { ReadModels } from '../../../shared/read-model';
import { SLA_STATES, type SlaState } from '../../queue-filter.request';
import { queueRows } from '../../queue.sql';
import { GetQueueCountsQuery } from './get-queue-counts.query';

export type QueueCounts = { group: string; total: number } & Record<SlaState, number>;

@QueryHandler(GetQueueCountsQuery)
export class GetQueueCountsHandler implements IQueryHandler<GetQueueCountsQuery, QueueCounts> {
  constructor(
    private readonly readModels: ReadModels,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ group, filter, minPosition }: GetQueueCountsQuery): Promise<QueueCounts> {
    const schema = await this.readModels.schema('queue', minPosition);
    const { rows } = await this.readModels.pool.query<{ sla_state: SlaState; n: string }>(
      `SELECT sla_state, count(*) AS n FROM (${queueRows(qualified(schema, 'tickets'), qualified(schema, 'accounts'), filter.state)}) q GROUP BY sla_state`,
      [group, this.clock.now(), filter.assignee ?? null, filter.priority ?? null, filter.tier ?? null],
    );
    return countsOf(group, rows);
  }
}

/** A group's counts from its rows of (state, number): every state there, those without a row at 0. */
export function countsOf(group: string, rows: Array<{ sla_state: SlaState; n: string }>): QueueCounts {
  const counts = Object.fromEntries(SLA_STATES.map((state) => [state, 0])) as Record<SlaState, number>;
  for (const row of rows) counts[row.sla_state] = Number(row.n);
  return { group, total: Object.values(counts).reduce((sum, n) => sum + n, 0), ...counts };
}
