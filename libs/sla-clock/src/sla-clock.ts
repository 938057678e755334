import type { CommandBus } from '@nestjs/cqrs';
import type { Pool } from 'pg';
import { Send, type CommandMeta, type CommandToSend } from '@app/commanding';
import type { Metrics } from '@app/observability';
import { qualified, readStatus } from '@app/projections';
import { streams } from '@app/domain';
import type { ClockJob, CommandDispatcher } from './command-dispatcher';

/** Where the clock and the triggers read: the queue read model's live schema and how far it has applied the log. */
export interface ReadModelView {
  schema: string;
  position: bigint;
}

export async function readModelView(pool: Pool): Promise<ReadModelView> {
  const [status] = await readStatus(pool, 'queue');
  if (!status) throw new Error('the queue read model is not set up yet');
  return { schema: status.active_schema, position: BigInt(status.position) };
}

/**
 * Metadata of a command the clock or a trigger sends. `once`: the key names something that happens
 * at most once ever (a target's breach), so it seeds the event ids and two clocks' events collide.
 */
export function clockMeta(source: 'sla-clock' | 'triggers', key: string, once: boolean): CommandMeta {
  return {
    actor: { kind: 'system', id: source },
    correlationId: key,
    causationId: key,
    source: `support-ops/${source}`,
    ...(once ? { eventIdSeed: key } : {}),
  };
}

/**
 * The running targets of `targets` whose at-risk (`$1`) or due instant has come and whose event is
 * not recorded yet, earliest first, up to `$2` of each kind: what the clock has to record.
 */
const dueTargets = (targets: string) => `
  (SELECT ticket_id, instance, 'at_risk' AS kind, at_risk_at AS at FROM ${targets}
    WHERE status = 'running' AND NOT at_risk_recorded AND NOT breached AND at_risk_at <= $1 ORDER BY at_risk_at LIMIT $2)
  UNION ALL
  (SELECT ticket_id, instance, 'breach', due_at FROM ${targets} WHERE status = 'running' AND NOT breached AND due_at <= $1 ORDER BY due_at LIMIT $2)`;

/** What the SLA clock has yet to record at an instant, as the queue read model knows it. */
export interface SlaClockBacklog {
  /** At-risk and due instants that have come and are not recorded yet (counted up to `limit` of each kind). */
  due: number;
  /** True when `due` stopped at the limit: there are at least that many. */
  dueAtLeast: boolean;
  /** The earliest of them, or null when the clock is caught up. */
  oldestAt: string | null;
  /** How long ago the earliest came: the clock's lag, 0 when caught up. */
  lagSeconds: number;
}

export async function slaClockBacklog(
  pool: Pool,
  view: ReadModelView,
  now: Date,
  limit = 1000,
): Promise<SlaClockBacklog> {
  const { rows } = await pool.query<{ n: string; at_risk: string; oldest: Date | null }>(
    `SELECT count(*) AS n, count(*) FILTER (WHERE kind = 'at_risk') AS at_risk, min(at) AS oldest
       FROM (${dueTargets(qualified(view.schema, 'targets'))}) due`,
    [now, limit],
  );
  const [{ n, at_risk: atRisk, oldest }] = rows;
  return {
    due: Number(n),
    dueAtLeast: Number(atRisk) >= limit || Number(n) - Number(atRisk) >= limit,
    oldestAt: oldest?.toISOString() ?? null,
    lagSeconds: oldest ? Math.max(0, (now.getTime() - oldest.getTime()) / 1000) : 0,
  };
}

interface DueRow {
  ticket_id: string;
  instance: string;
  kind: 'at_risk' | 'breach';
  at: Date;
}

/** The command that records a due row: the instant the clock saw is part of what it records. */
const recordingOf = (row: DueRow, instant: string): CommandToSend =>
  row.kind === 'at_risk'
    ? { kind: 'RecordSlaAtRisk', ticketId: row.ticket_id, instance: row.instance, atRiskAt: instant }
    : { kind: 'RecordSlaBreach', ticketId: row.ticket_id, instance: row.instance, dueAt: instant };

/**
 * The SLA clock (docs/design.md §6): every tick, the running targets whose at-risk or due instant has come
 * (from the queue read model, in instant order) become RecordSlaAtRisk / RecordSlaBreach commands
 * on their tickets. The decider checks the instant against the ticket's own state and records each
 * once, with the instant it happened, however late the clock is.
 */
export class SlaClock {
  constructor(
    private readonly pool: Pool,
    private readonly bus: CommandBus,
    private readonly dispatcher: CommandDispatcher,
    private readonly metrics: Metrics,
    private readonly batchSize: number,
  ) {}

  /** Records what is due at `now`; returns how many targets were due (a full batch means: tick again at once). */
  async tick(view: ReadModelView, now: Date): Promise<number> {
    const targets = qualified(view.schema, 'targets');
    const { rows } = await this.pool.query<DueRow>(`${dueTargets(targets)} ORDER BY at`, [now, this.batchSize]);
    this.metrics.clockDue.set(rows.length);
    const jobs = rows.map((row): ClockJob => {
      const instant = row.at.toISOString();
      const key = `sla-clock:${row.ticket_id}:${row.instance}:${row.kind}:${instant}`;
      return {
        key,
        stream: streams.ticket(row.ticket_id),
        send: () => this.bus.execute(new Send(recordingOf(row, instant), clockMeta('sla-clock', key, true))),
        recorded: () => {
          this.metrics.clockRecorded.inc({ kind: row.kind });
          this.metrics.clockLagSeconds.observe({ kind: row.kind }, Math.max(0, (Date.now() - row.at.getTime()) / 1000));
        },
      };
    });
    await this.dispatcher.run(jobs.filter((job) => !this.dispatcher.pending(job.key, view.position)));
    return rows.length;
  }
}
