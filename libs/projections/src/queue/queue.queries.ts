import type { Priority, Tier } from '@app/domain';
import { qualified, type ReadModel } from '../projection';

/** A ticket's SLA state at the instant of a query (docs/design.md §5). */
export const SLA_STATES = ['on_track', 'at_risk', 'breached', 'paused'] as const;
export type SlaState = (typeof SLA_STATES)[number];

/** Filters of a queue: by assignee, SLA state, priority, account tier. */
export interface QueueFilter {
  assignee?: string;
  state?: SlaState;
  priority?: Priority;
  tier?: Tier;
}

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

/** Where a page of a queue ends, in its order: next due (`infinity` for none), priority rank, opened at, ticket id. */
export type QueueKey = [dueAt: string, priorityRank: number, openedAt: string, ticketId: string];

export type QueueCounts = { group: string; total: number } & Record<SlaState, number>;

const STATE_CONDITIONS: Record<SlaState, string> = {
  breached: `(t.breached OR coalesce(t.next_due_at, 'infinity') <= $2)`,
  // Nothing runs on a paused ticket, so it sits at the end of the due order.
  paused: `t.paused AND NOT t.breached AND coalesce(t.next_due_at, 'infinity') = 'infinity'`,
  at_risk: `NOT t.breached AND NOT t.paused AND coalesce(t.next_due_at, 'infinity') > $2 AND t.next_at_risk_at <= $2`,
  on_track: `NOT t.breached AND NOT t.paused AND coalesce(t.next_due_at, 'infinity') > $2 AND coalesce(t.next_at_risk_at, 'infinity') > $2`,
};

/** A ticket's (`t`) SLA state at the instant `now` (a parameter). */
const SLA_STATE_AT = (now: string) => `CASE WHEN t.breached OR t.next_due_at <= ${now} THEN 'breached'
                WHEN t.paused THEN 'paused'
                WHEN t.next_at_risk_at <= ${now} THEN 'at_risk'
                ELSE 'on_track' END`;

/**
 * Few tickets of a long queue are at risk, and they are spread over its due order: they are read
 * from two small partial indexes instead, the tickets the SLA clock recorded at risk and those whose
 * at-risk instant passed before it recorded them.
 */
const atRiskTickets = (tickets: string) => `(
  SELECT * FROM ${tickets} WHERE is_open AND at_risk_recorded AND NOT breached
  UNION ALL
  SELECT * FROM ${tickets} WHERE is_open AND NOT at_risk_recorded AND NOT breached AND next_at_risk_at <= $2)`;

/**
 * The open tickets of a group with their SLA state at `$2` (the query's now); filters `$3`–`$5`
 * (assignee, priority, tier) and the state, which shapes the statement.
 */
function queueRows(schema: string, state: SlaState | undefined): string {
  const tickets = qualified(schema, 'tickets');
  return `
    SELECT t.ticket_id, t.account_id, t.subject, t.status, t.priority, t.priority_rank, t.assignee, t.opened_at, t.next_due_at,
           a.tier, a.arr_minor, a.currency, ${SLA_STATE_AT('$2')} AS sla_state
      FROM ${state === 'at_risk' ? atRiskTickets(tickets) : tickets} t LEFT JOIN ${qualified(schema, 'accounts')} a USING (account_id)
     WHERE t.is_open AND t.group_name = $1
       AND ($3::text IS NULL OR t.assignee = $3) AND ($4::text IS NULL OR t.priority = $4) AND ($5::text IS NULL OR a.tier = $5)
       AND ${state ? STATE_CONDITIONS[state] : 'true'}`;
}

const filterParams = (group: string, now: Date, filter: QueueFilter) => [
  group,
  now,
  filter.assignee ?? null,
  filter.priority ?? null,
  filter.tier ?? null,
];

interface QueueRow {
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
  sla_state: string;
}

const itemOf = (row: QueueRow, now: Date): QueueItem => ({
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
});

const keyOf = (row: QueueRow): QueueKey => [
  row.next_due_at?.toISOString() ?? 'infinity',
  row.priority_rank,
  row.opened_at.toISOString(),
  row.ticket_id,
];

/**
 * A page of a queue: open tickets ordered by next SLA due, then priority, then age, after `after`
 * (keyset pagination); `next` is where the following page starts, null on the last.
 */
export async function queuePage(
  model: ReadModel,
  page: { group: string; filter: QueueFilter; now: Date; after: QueueKey | null; limit: number },
): Promise<{ items: QueueItem[]; next: QueueKey | null }> {
  const { rows } = await model.pool.query<QueueRow>(
    `SELECT * FROM (${queueRows(model.schema, page.filter.state)}
            AND ($6::timestamptz IS NULL OR (coalesce(t.next_due_at, 'infinity'), t.priority_rank, t.opened_at, t.ticket_id) > ($6::timestamptz, $7::int, $8::timestamptz, $9::text))
          ORDER BY coalesce(t.next_due_at, 'infinity'), t.priority_rank, t.opened_at, t.ticket_id) q
      LIMIT $10`,
    [...filterParams(page.group, page.now, page.filter), ...(page.after ?? [null, null, null, null]), page.limit + 1],
  );
  const items = rows.slice(0, page.limit);
  return {
    items: items.map((row) => itemOf(row, page.now)),
    next: rows.length > page.limit ? keyOf(items[items.length - 1]) : null,
  };
}

/** A group's counts from its rows of (state, number): every state there, those without a row at 0. */
function countsOf(group: string, rows: Array<{ sla_state: SlaState; n: string }>): QueueCounts {
  const counts = Object.fromEntries(SLA_STATES.map((state) => [state, 0])) as Record<SlaState, number>;
  for (const row of rows) counts[row.sla_state] = Number(row.n);
  return { group, total: Object.values(counts).reduce((sum, n) => sum + n, 0), ...counts };
}

/** How many of a group's open tickets (filtered) are in each SLA state at `now`. */
export async function queueCounts(
  model: ReadModel,
  group: string,
  filter: QueueFilter,
  now: Date,
): Promise<QueueCounts> {
  const { rows } = await model.pool.query<{ sla_state: SlaState; n: string }>(
    `SELECT sla_state, count(*) AS n FROM (${queueRows(model.schema, filter.state)}) q GROUP BY sla_state`,
    filterParams(group, now, filter),
  );
  return countsOf(group, rows);
}

/** Every group with open tickets, with how many are in each SLA state at `now`, by group name. */
export async function listQueues(model: ReadModel, now: Date): Promise<QueueCounts[]> {
  const { rows } = await model.pool.query<{ group_name: string; sla_state: SlaState; n: string }>(
    `SELECT t.group_name, ${SLA_STATE_AT('$1')} AS sla_state, count(*) AS n
       FROM ${qualified(model.schema, 'tickets')} t WHERE t.is_open GROUP BY 1, 2 ORDER BY 1`,
    [now],
  );
  const groups = new Map<string, typeof rows>();
  for (const row of rows) groups.set(row.group_name, [...(groups.get(row.group_name) ?? []), row]);
  return [...groups].map(([group, counted]) => countsOf(group, counted));
}
