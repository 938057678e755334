import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { CLOCK, type Clock } from '@app/commanding';
import { qualified } from '@app/projections';
import { cursors, isInstant, ReadModels } from '../../../shared/read-model';
import { ID_PATTERN } from '@app/validation';
import { queuePage } from '../../queue.sql';
import { GetQueueQuery } from './get-queue.query';

const ID = new RegExp(ID_PATTERN);

export interface QueueItem {
  ticketId: string;
  accountId: string;
  subject: string;
  status: string;
  priority: string;
  assignee: string | null;
  tier: string | null;
  arr: { amountMinor: number; currency: string } | null;
  openedAt: string;
  ageSeconds: number;
  nextDueAt: string | null;
  slaState: string;
}

export interface QueuePage {
  group: string;
  items: QueueItem[];
  nextCursor: string | null;
}

interface Row {
  ticket_id: string;
  account_id: string;
  subject: string;
  status: string;
  priority: string;
  priority_rank: number;
  assignee: string | null;
  opened_at: Date;
  next_due_at: Date | null;
  tier: string | null;
  arr_minor: string | null;
  currency: string | null;
  due_key: Date | string;
  sla_state: string;
}

/** A queue page: open tickets ordered by next SLA due, then priority, then age (keyset pagination). */
@QueryHandler(GetQueueQuery)
export class GetQueueHandler implements IQueryHandler<GetQueueQuery, QueuePage> {
  constructor(
    private readonly readModels: ReadModels,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ group, request, minPosition }: GetQueueQuery): Promise<QueuePage> {
    const schema = await this.readModels.schema('queue', minPosition);
    const limit = request.limit ?? 50;
    const after = cursors.decode(request.cursor, [
      (due) => due === 'infinity' || isInstant(due),
      Number.isSafeInteger,
      isInstant,
      (id) => typeof id === 'string' && ID.test(id),
    ]);
    const now = this.clock.now();
    const { rows } = await this.readModels.pool.query<Row>(
      queuePage(qualified(schema, 'tickets'), qualified(schema, 'accounts'), request.state),
      [
        group,
        now,
        request.assignee ?? null,
        request.priority ?? null,
        request.tier ?? null,
        ...(after ?? [null, null, null, null]),
        limit + 1,
      ],
    );
    const page = rows.slice(0, limit);
    const last = page.at(-1);
    return {
      group,
      items: page.map((row) => ({
        ticketId: row.ticket_id,
        accountId: row.account_id,
        subject: row.subject,
        status: row.status,
        priority: row.priority,
        assignee: row.assignee,
        tier: row.tier,
        arr: row.arr_minor === null ? null : { amountMinor: Number(row.arr_minor), currency: row.currency as string },
        openedAt: row.opened_at.toISOString(),
        ageSeconds: Math.max(0, Math.round((now.getTime() - row.opened_at.getTime()) / 1000)),
        nextDueAt: row.next_due_at?.toISOString() ?? null,
        slaState: row.sla_state,
      })),
      nextCursor:
        rows.length > limit && last
          ? cursors.encode([
              last.next_due_at?.toISOString() ?? 'infinity',
              last.priority_rank,
              last.opened_at.toISOString(),
              last.ticket_id,
            ])
          : null,
    };
  }
}
