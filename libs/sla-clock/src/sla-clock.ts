import type { CommandBus } from '@nestjs/cqrs';
import type { Pool } from 'pg';
import { Send, type CommandMeta, type CommandToSend } from '@app/commanding';
import type { Metrics } from '@app/observability';
import { clockProjection, readStatus, targetsDue, targetsDueCount, type DueTarget } from '@app/projections';
import { streams } from '@app/domain';
import type { ClockJob, CommandDispatcher } from './command-dispatcher';

/** Where the clock and the triggers read: the work list read model's (`clock`) live schema and how far it has applied the log. */
export interface ReadModelView {
  schema: string;
  position: bigint;
}

export async function readModelView(pool: Pool): Promise<ReadModelView> {
  const [status] = await readStatus(pool, clockProjection.name);
  if (!status) throw new Error('the clock read model is not set up yet');
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

/** What the SLA clock has yet to record at an instant, as its work list knows it. */
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
  const { due, atRisk, oldest } = await targetsDueCount({ pool, schema: view.schema }, now, limit);
  return {
    due,
    dueAtLeast: atRisk >= limit || due - atRisk >= limit,
    oldestAt: oldest?.toISOString() ?? null,
    lagSeconds: oldest ? Math.max(0, (now.getTime() - oldest.getTime()) / 1000) : 0,
  };
}

/** The command that records a due target: the instant the clock saw is part of what it records. */
const recordingOf = ({ ticketId, instance, kind }: DueTarget, instant: string): CommandToSend =>
  kind === 'at_risk'
    ? { kind: 'RecordSlaAtRisk', ticketId, instance, atRiskAt: instant }
    : { kind: 'RecordSlaBreach', ticketId, instance, dueAt: instant };

/**
 * The SLA clock (docs/design.md §6): every tick, the running targets whose at-risk or due instant has come
 * (from its work list, in instant order) become RecordSlaAtRisk / RecordSlaBreach commands
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
    const rows = await targetsDue({ pool: this.pool, schema: view.schema }, now, this.batchSize);
    this.metrics.clockDue.set(rows.length);
    const jobs = rows.map((row): ClockJob => {
      const instant = row.at.toISOString();
      const key = `sla-clock:${row.ticketId}:${row.instance}:${row.kind}:${instant}`;
      return {
        key,
        stream: streams.ticket(row.ticketId),
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
