import { randomUUID } from 'node:crypto';
import type { Pool } from 'pg';
import { ticketDecider, type SlaSnapshot } from '../../libs/domain/src';
import { PostgresEventStore, type EventToAppend } from '../../libs/event-store/src';
import { freePort } from '../support/free-port';
import { withOwnDatabase } from './bench-database';
import { figure, percentile, type Figure } from './figures';
import { startProcess, WORKER } from './http.bench';
import type { BenchContext } from './main';

const SLA: SlaSnapshot = {
  policyId: 'bench',
  policyName: 'Bench 24/7',
  calendarId: null,
  calendar: null,
  targets: { urgent: { first_response: 60, resolution: 480 }, high: {}, normal: {}, low: {} },
  pauseStatuses: ['pending', 'on_hold'],
  atRiskMinutes: 15,
};
const account = { exists: true, churned: false, tier: 'growth' as const, contactIds: ['k1'] };

/** Appends tickets opened at the given instants, their events decided by the ticket decider itself. */
async function openTickets(store: PostgresEventStore, prefix: string, openedAt: Date[]): Promise<void> {
  for (let i = 0; i < openedAt.length; i += 32) {
    await Promise.all(
      openedAt.slice(i, i + 32).map(async (at, j) => {
        const ticketId = `${prefix}-${i + j}`;
        const command = {
          kind: 'OpenTicket' as const,
          ticketId,
          at: at.toISOString(),
          accountId: 'acct',
          contactId: 'k1',
          subject: 'Outage',
          description: '',
          channel: 'api' as const,
          priority: 'urgent' as const,
          category: 'ops',
          account,
          sla: SLA,
        };
        const events = ticketDecider.decide(command, ticketDecider.initialState);
        await store.append(
          `ticket-${ticketId}`,
          events.map((event): EventToAppend => ({
            eventId: randomUUID(),
            type: event.type,
            data: event.data as never,
            metadata: { actor: { kind: 'service', id: 'bench' } },
          })),
          'no_stream',
        );
      }),
    );
  }
}

async function until(condition: () => Promise<boolean>, what: string, timeoutMs: number): Promise<void> {
  for (const deadline = Date.now() + timeoutMs; !(await condition());) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/**
 * The SLA clock role in its own process, the projector in another, over 50,000 open tickets with
 * 100,000 running targets. `clock.targets_per_s`: a backlog of due targets (a clock that was down)
 * recorded per second; floor: the single-event append rate of the same run (each record is one
 * command). `clock.lag_p99_ms`: targets falling due at 200 per second, from due instant to append.
 */
export async function clockGroup({
  pool: benchPool,
  url: benchUrl,
  scale,
  progress,
  figures,
}: BenchContext): Promise<Figure[]> {
  const floor = figures.find((f) => f.figure === 'append.single.events_per_s');
  if (!floor) throw new Error('the clock group needs append.single.events_per_s from the same run');
  return withOwnDatabase(benchPool, benchUrl, 'clock', 16, (pool, url) =>
    measureClock(pool, url, scale, progress, floor),
  );
}

async function measureClock(
  pool: Pool,
  url: string,
  scale: number,
  progress: (message: string) => void,
  floor: Figure,
): Promise<Figure[]> {
  const stops: Array<() => Promise<void>> = [];
  try {
    await PostgresEventStore.migrate(pool);
    const store = new PostgresEventStore(pool);
    const hour = 3_600_000;
    const start = Date.now();
    const tickets = Math.round(50_000 * scale);
    const backlog = Math.round(5_000 * scale);
    // Backlog: first response due an hour ago (at risk and breach both due: 2 records a ticket).
    progress(`clock: ${tickets} open tickets (${backlog} overdue)`);
    await openTickets(
      store,
      'late',
      Array.from({ length: backlog }, () => new Date(start - 2 * hour)),
    );
    // The rest runs: first response due in a day, resolution later.
    await openTickets(
      store,
      'calm',
      Array.from({ length: tickets - backlog }, () => new Date(start + 23 * hour)),
    );

    progress('clock: projector catching up');
    const projectorPort = await freePort();
    stops.push(
      await startProcess(
        WORKER,
        { DATABASE_URL: url, WORKER_PORT: String(projectorPort), ROLES: 'projector' },
        projectorPort,
      ),
    );
    const head = await store.headPosition();
    const workListPosition = async () =>
      BigInt(
        (await pool.query<{ position: string }>(`SELECT position FROM projections.status WHERE name = 'clock'`)).rows[0]
          ?.position ?? '0',
      );
    await until(async () => (await workListPosition()) >= head, 'the clock read model', 600_000);

    progress(`clock: recording the backlog of ${2 * backlog} due targets`);
    const clockPort = await freePort();
    stops.push(
      await startProcess(WORKER, { DATABASE_URL: url, WORKER_PORT: String(clockPort), ROLES: 'sla-clock' }, clockPort),
    );
    const recorded = async (prefix: string) =>
      (
        await pool.query<{ n: number; first: Date | null; last: Date | null }>(
          `SELECT count(*)::int AS n, min(recorded_at) AS first, max(recorded_at) AS last FROM event_store.events WHERE type IN ('SlaTargetAtRisk', 'SlaTargetBreached') AND stream_id LIKE $1`,
          [`ticket-${prefix}-%`],
        )
      ).rows[0];
    await until(async () => (await recorded('late')).n >= 2 * backlog, 'the backlog', 600_000);
    const late = await recorded('late');
    const rate = (late.n - 1) / (((late.last as Date).getTime() - (late.first as Date).getTime()) / 1000);

    // Live: 200 targets a second fall due over ten seconds, starting five seconds after they are opened.
    const live = Math.round(2_000 * Math.min(1, scale * 4));
    progress(`clock: ${live} targets falling due at 200/s`);
    const dueFrom = Date.now() + 5000 + live * 2; // opening them takes about a millisecond each
    await openTickets(
      store,
      'live',
      Array.from({ length: live }, (_, i) => new Date(dueFrom + i * 5 - hour)),
    );
    await until(async () => (await recorded('live')).n >= 2 * live, 'the live targets', 120_000);
    const { rows } = await pool.query<{ lag_ms: number }>(
      `SELECT extract(epoch FROM recorded_at - (data->>'breachedAt')::timestamptz) * 1000 AS lag_ms FROM event_store.events WHERE type = 'SlaTargetBreached' AND stream_id LIKE 'ticket-live-%'`,
    );
    await store.close();
    return [
      figure('clock.targets_per_s', rate, 'targets/s', floor.value),
      figure(
        'clock.lag_p99_ms',
        percentile(
          rows.map((row) => Number(row.lag_ms)),
          99,
        ),
        'ms',
      ),
    ];
  } finally {
    for (const stop of stops.reverse()) await stop();
  }
}
