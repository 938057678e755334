import { randomUUID } from 'node:crypto';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { Pool } from 'pg';
import { BENCH_MASTER_KEY } from './http.bench';
import { AppConfig } from '../../libs/config/src';
import { KNOWN_EVENT_TYPES } from '../../libs/domain/src';
import { PostgresEventStore, type EventStore, type RecordedEvent } from '../../libs/event-store/src';
import { PersonalDataCipher, PostgresKeyStore, ProtectedEventStore } from '../../libs/privacy/src';
import {
  ALL_PROJECTIONS,
  ensureProjection,
  migrateProjections,
  qualified,
  queuePage,
  queueProjection,
  Rebuilder,
} from '../../libs/projections/src';
import { withOwnDatabase } from './bench-database';
import { figure, percentile, type Figure } from './figures';
import type { BenchContext } from './main';

/** What `npx support-ops` runs (it builds the CLI when its sources changed). */
const CLI = join(__dirname, '../../../../../bin/support-ops.mjs');

/** Events per rebuild batch: the product's default. */
const BATCH = new AppConfig().PROJECTION_REBUILD_BATCH_SIZE;

/** The store as the roles open it on the bench database: personal data sealed (docs/architecture.md, "Personal data"). */
export async function protectedStore(pool: Pool): Promise<ProtectedEventStore> {
  await PostgresEventStore.migrate(pool);
  await PostgresKeyStore.migrate(pool);
  const keys = new PostgresKeyStore(pool, Buffer.from(BENCH_MASTER_KEY, 'base64'));
  return new ProtectedEventStore(new PostgresEventStore(pool), new PersonalDataCipher(keys, 30_000));
}

/**
 * One simulated history through the command side; the bench copies it under other ids. The CLI runs
 * as its own process, as an operator runs it: a process reads its configuration once, and several
 * groups seed databases of their own.
 */
export async function seedTemplate(
  url: string,
  args = ['--seed', '7', '--accounts', '40', '--from', '2025-11-01', '--days', '365', '--prefix', 'tpl'],
): Promise<void> {
  const child = spawn(process.execPath, [CLI, 'seed', ...args, '--concurrency', '16'], {
    env: { ...process.env, DATABASE_URL: url, PII_MASTER_KEY: BENCH_MASTER_KEY, LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (chunk) => (stderr += chunk));
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  if (code !== 0) throw new Error(`support-ops seed failed (${code}):\n${stderr}`);
}

/**
 * Appends copies of the template to a log of `from` events until it holds `target`; each copy renames
 * every id. The copies are appended together, event by event in the template's order, so that their
 * histories interleave in time as a simulated year of that many accounts would: a ticket's events
 * spread over the log (and over rebuild batches), as in production.
 */
export async function growLog(
  store: EventStore,
  template: RecordedEvent[],
  from: number,
  target: number,
  progress: (message: string) => void,
): Promise<number> {
  const copies = Math.ceil((target - from) / template.length);
  const renames = Array.from({ length: copies }, () => {
    const prefix = `c${randomUUID().slice(0, 8)}`;
    return (text: string) => text.replaceAll('tpl-', `${prefix}-`);
  });
  for (const [i, event] of template.entries()) {
    await Promise.all(
      renames.map((rename) =>
        store.append(
          rename(event.streamId),
          [
            {
              eventId: randomUUID(),
              type: event.type,
              data: JSON.parse(rename(JSON.stringify(event.data))),
              metadata: JSON.parse(rename(JSON.stringify(event.metadata))),
            },
          ],
          'any',
        ),
      ),
    );
    if ((i + 1) % 5000 === 0) progress(`rebuild: log at ${from + (i + 1) * copies} events`);
  }
  return from + template.length * copies;
}

/** Rebuilds every read model in one pass over the log (as `projections rebuild --all` does) and returns events per second of log. */
export async function rebuildAll(pool: Pool, store: EventStore, events: number): Promise<number> {
  // The log as a rebuild meets it in production: read by the live projections and the relay as it
  // was written, and vacuumed since. The copies were appended a moment ago and never read: the first
  // reader would set every row's hint bits and race autovacuum (measured: a tenth of the rate).
  await pool.query('VACUUM (ANALYZE) event_store.events');
  const started = performance.now();
  const rebuilders = ALL_PROJECTIONS.map(
    (projection) => new Rebuilder(projection, store, pool, KNOWN_EVENT_TYPES, BATCH),
  );
  for (const rebuilder of rebuilders) await rebuilder.request();
  if (!(await Rebuilder.together(rebuilders, store, BATCH))) throw new Error('the rebuild did not finish');
  return events / ((performance.now() - started) / 1000);
}

/** A queue read model with `open` open tickets over 20 groups, the SLA clock caught up. */
async function queueOf(pool: Pool, schema: string, open: number): Promise<string> {
  await pool.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE; CREATE SCHEMA ${schema}`);
  await pool.query(queueProjection.setup(schema));
  await pool.query(
    `INSERT INTO ${qualified(schema, 'accounts')} SELECT 'a' || i, (ARRAY['strategic', 'growth', 'standard'])[1 + i % 3], 1000 * i, 'USD' FROM generate_series(1, 2000) i`,
  );
  await pool.query(
    // Due times from 1,000 minutes ago to 4,000 minutes ahead; the SLA clock is caught up, so what is
    // past its at-risk or due instant was recorded as such.
    `INSERT INTO ${qualified(schema, 'tickets')} (ticket_id, account_id, subject, status, priority, priority_rank, group_name, assignee, opened_at, is_open, next_due_at, next_at_risk_at, breached, paused, at_risk_recorded)
     SELECT 't' || i, 'a' || (1 + i % 2000), 'subject', 'open', (ARRAY['urgent', 'high', 'normal', 'low'])[1 + i % 4], i % 4, 'group-' || (i % 20), 'agent-' || (i % 200),
            now() - (i % 10000) * interval '1 minute', i % 10 <> 0, due, due - interval '15 minutes', i % 50 = 0 OR coalesce(due <= now(), false), due IS NULL AND i % 13 = 0,
            coalesce(due - interval '15 minutes' <= now() AND due > now(), false) AND i % 50 <> 0
       FROM generate_series(1, $1::int) i, LATERAL (SELECT CASE WHEN i % 7 = 0 THEN NULL ELSE now() + (i % 5000 - 1000) * interval '1 minute' END AS due) d`,
    [Math.round(open / 0.9)],
  );
  await pool.query(`VACUUM ANALYZE ${qualified(schema, 'tickets')}`);
  return schema;
}

/** p99 of `count` queue pages (first page, and every third filtered to at risk) after 100 unmeasured ones. */
async function queueP99(pool: Pool, schema: string, count: number): Promise<number> {
  const latencies: number[] = [];
  for (let i = 0; i < count + 100; i += 1) {
    const filter = i % 3 === 0 ? { state: 'at_risk' as const } : {};
    const t0 = performance.now();
    await queuePage({ pool, schema }, { group: `group-${i % 20}`, filter, now: new Date(), after: null, limit: 50 });
    if (i >= 100) latencies.push(performance.now() - t0);
  }
  return percentile(latencies, 99);
}

/**
 * Queue pages at 10,000 and 100,000 open tickets: both queues exist side by side and are measured
 * in alternation (1,000 pages each, three rounds), so that both sizes meet the same machine; the
 * figures are the medians of the rounds' p99.
 */
async function queueLatencies(pool: Pool, progress: (message: string) => void): Promise<[number, number]> {
  const [small, large] = [
    await queueOf(pool, 'rm_queuebench_10000', 10_000),
    await queueOf(pool, 'rm_queuebench_100000', 100_000),
  ];
  const rounds: [number[], number[]] = [[], []];
  for (let round = 1; round <= 3; round++) {
    progress(`queue: round ${round}/3`);
    rounds[0].push(await queueP99(pool, small, 1000));
    rounds[1].push(await queueP99(pool, large, 1000));
  }
  await pool.query('DROP SCHEMA rm_queuebench_10000 CASCADE; DROP SCHEMA rm_queuebench_100000 CASCADE');
  return [percentile(rounds[0], 50), percentile(rounds[1], 50)];
}

export async function readModelsGroup({
  pool: benchPool,
  url: benchUrl,
  scale,
  progress,
  figures,
}: BenchContext): Promise<Figure[]> {
  const floor = figures.find((f) => f.figure === 'read_all.events_per_s');
  if (!floor) throw new Error('the read-models group needs read_all.events_per_s from the same run');
  // A database of its own: the log holds only simulated support history.
  return withOwnDatabase(benchPool, benchUrl, 'rm', 24, (pool, url) => measure(pool, url, scale, progress, floor));
}

async function measure(
  pool: Pool,
  url: string,
  scale: number,
  progress: (message: string) => void,
  floor: Figure,
): Promise<Figure[]> {
  const store = await protectedStore(pool);
  await migrateProjections(pool);
  for (const projection of ALL_PROJECTIONS) await ensureProjection(pool, projection);
  progress('rebuild: seeding a simulated year through the command side (the template)');
  await seedTemplate(url);
  const template = (await collect(store)).filter((event) => event.streamId.includes('tpl-'));
  const small = await growLog(store, template, template.length, Math.round(50_000 * scale), progress);
  progress(`rebuild: all read models over ${small} events`);
  const smallRate = await rebuildAll(pool, store, small);
  const large = await growLog(store, template, small, Math.round(500_000 * scale), progress);
  progress(`rebuild: all read models over ${large} events`);
  const largeRate = await rebuildAll(pool, store, large);
  progress('queue: pages at 10,000 and 100,000 open tickets');
  const [p99Small, p99Large] = await queueLatencies(pool, progress);
  await store.close();
  return [
    figure('rebuild.events_per_s', largeRate, 'events/s', floor.value),
    figure('rebuild.growth_ratio', largeRate / smallRate, 'ratio'),
    figure('queue.p99_ms.10k', p99Small, 'ms'),
    figure('queue.p99_ms.100k', p99Large, 'ms'),
    figure('queue.growth_ratio', p99Large / p99Small, 'ratio'),
  ];
}

export async function collect(store: EventStore): Promise<RecordedEvent[]> {
  const events: RecordedEvent[] = [];
  for (let after = 0n; ;) {
    const batch = await store.readAll({ after, limit: 5000 });
    if (batch.length === 0) return events;
    events.push(...batch);
    after = batch[batch.length - 1].position;
  }
}
