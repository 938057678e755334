import { randomUUID } from 'node:crypto';
import type { Pool } from 'pg';
import { KNOWN_EVENT_TYPES } from '../../libs/domain/src';
import { PostgresEventStore } from '../../libs/event-store/src';
import {
  AccountHistory,
  ensureProjection,
  migrateProjections,
  Rebuilder,
  scanAccountHistory,
  timelineProjection,
} from '../../libs/projections/src';
import { freePort } from '../support/free-port';
import { withOwnDatabase } from './bench-database';
import { figure, percentile, type Figure } from './figures';
import { client, MAIN, startProcess } from './http.bench';
import type { BenchContext } from './main';
import { seedTemplate } from './read-models.bench';

/** A transaction's events share its id in their positions: at most 2^16 of them. */
const PER_TRANSACTION = 65_535;
const ACCOUNTS_MEASURED = 5;
const SCANS_MEASURED = 2;
const REPLAYS_PER_ACCOUNT = 5;

/**
 * The audit's questions on two logs ten times apart, the larger of at least 2,000,000 events.
 * `audit.replay_account_ms`: one account's history (about 500 events) read from its streams, the
 * median of five reads of each of five accounts; floor: the whole-log scan (`replay account --scan`) on the same log.
 * `audit.replay_growth_ratio`: that time on the larger log over the smaller. `audit.as_of_p99_ms`:
 * `GET /v1/tickets/{id}?asOf=` on tickets of about 50 events, over HTTP.
 */
export async function auditGroup({ pool: benchPool, url: benchUrl, scale, progress }: BenchContext): Promise<Figure[]> {
  return withOwnDatabase(benchPool, benchUrl, 'audit', 16, async (pool, url) => {
    await seedTemplate(url);
    const store = new PostgresEventStore(pool);
    await migrateProjections(pool);
    await ensureProjection(pool, timelineProjection);
    const template = Number((await pool.query('SELECT count(*) FROM event_store.events')).rows[0].count);
    const accounts = await accountsOfAbout(pool, 500);

    await fillTo(pool, template, Math.round(200_000 * scale), progress);
    const small = await replayTimes(pool, store, accounts, progress);
    const asOfP99 = await asOfLatencies(pool, url, progress);
    await fillTo(pool, small.events, Math.round(2_000_000 * scale), progress);
    const large = await replayTimes(pool, store, accounts, progress);
    progress(`audit: logs of ${small.events} and ${large.events} events`);
    return [
      figure('audit.replay_account_ms', large.replayMs, 'ms', large.scanMs),
      figure('audit.replay_account_ms.small_log', small.replayMs, 'ms', small.scanMs),
      figure('audit.replay_growth_ratio', large.replayMs / small.replayMs, 'ratio'),
      figure('audit.as_of_p99_ms', asOfP99, 'ms'),
    ];
  });
}

/** Accounts of the seeded template whose history is closest to `events` events. */
async function accountsOfAbout(pool: Pool, events: number): Promise<string[]> {
  const { rows } = await pool.query<{ account: string }>(
    `SELECT metadata->>'accountId' AS account FROM event_store.events WHERE metadata->>'accountId' IS NOT NULL
      GROUP BY 1 ORDER BY abs(count(*) - $1), 1 LIMIT $2`,
    [events, ACCOUNTS_MEASURED],
  );
  return rows.map((row) => row.account);
}

/**
 * Copies of the template under other ids until the log holds `target` events: the copies'
 * histories interleave event by event, as a year of that many accounts would. Each statement appends
 * at most 65,535 events in one transaction, positioned as the store positions a multi-event append.
 */
async function fillTo(pool: Pool, from: number, target: number, progress: (message: string) => void): Promise<void> {
  const copies = Math.max(1, Math.ceil((target - from) / (await templateSize(pool))));
  await pool.query('DROP TABLE IF EXISTS bench_fill');
  await pool.query(
    `CREATE UNLOGGED TABLE bench_fill AS
     SELECT row_number() OVER (ORDER BY t.position, c.n) AS k, replace(t.stream_id, 'tpl-', c.prefix) AS stream_id, t.revision,
            t.type, replace(t.data::text, 'tpl-', c.prefix)::jsonb AS data, replace(t.metadata::text, 'tpl-', c.prefix)::jsonb AS metadata
       FROM event_store.events t
       CROSS JOIN (SELECT n, 'c' || n || '${randomUUID().slice(0, 6)}-' AS prefix FROM generate_series(1, $1::int) n) c
      WHERE t.stream_id LIKE '%tpl-%'`,
    [copies],
  );
  const rows = Number((await pool.query('SELECT count(*) FROM bench_fill')).rows[0].count);
  for (let done = 0; done < rows; done += PER_TRANSACTION) {
    await pool.query(
      `INSERT INTO event_store.events (position, stream_id, revision, event_id, type, data, metadata)
       SELECT ((pg_current_xact_id()::text::bigint + (SELECT xid_offset FROM event_store.log_config)) << 16) + (k - $1 - 1),
              stream_id, revision, gen_random_uuid(), type, data, metadata
         FROM bench_fill WHERE k > $1 AND k <= $1 + $2 ORDER BY k`,
      [done, PER_TRANSACTION],
    );
    if ((done / PER_TRANSACTION) % 5 === 0) progress(`audit: log at ${from + done} events`);
  }
  await pool.query('DROP TABLE bench_fill');
  await pool.query('VACUUM (ANALYZE) event_store.events');
}

async function templateSize(pool: Pool): Promise<number> {
  const { rows } = await pool.query(`SELECT count(*) FROM event_store.events WHERE stream_id LIKE '%tpl-%'`);
  return Number(rows[0].count);
}

/** The timeline rebuilt to the head (its steady state), then each account read both ways. */
async function replayTimes(
  pool: Pool,
  store: PostgresEventStore,
  accounts: string[],
  progress: (message: string) => void,
): Promise<{ events: number; replayMs: number; scanMs: number }> {
  const events = Number((await pool.query('SELECT count(*) FROM event_store.events')).rows[0].count);
  progress(`audit: timeline over ${events} events`);
  const rebuilder = new Rebuilder(timelineProjection, store, pool, KNOWN_EVENT_TYPES, 10_000);
  await rebuilder.request();
  if (!(await Rebuilder.together([rebuilder], store, 10_000))) throw new Error('the timeline rebuild did not finish');
  const history = new AccountHistory(store, pool);
  const replays: number[] = [];
  for (const account of accounts) {
    if ((await history.events(account)).length === 0) throw new Error(`no history for ${account}`);
    for (let round = 0; round < REPLAYS_PER_ACCOUNT; round += 1) {
      const started = performance.now();
      await history.events(account);
      replays.push(performance.now() - started);
    }
  }
  const scans: number[] = [];
  for (const account of accounts.slice(0, SCANS_MEASURED)) {
    const started = performance.now();
    await scanAccountHistory(store, account);
    scans.push(performance.now() - started);
  }
  progress(
    `audit: ${events} events, replay ${percentile(replays, 50).toFixed(1)} ms, scan ${percentile(scans, 50).toFixed(0)} ms`,
  );
  return { events, replayMs: percentile(replays, 50), scanMs: percentile(scans, 50) };
}

/** Tickets of about 50 events through the API, then each read as of random points of its history. */
async function asOfLatencies(pool: Pool, url: string, progress: (message: string) => void): Promise<number> {
  const port = await freePort();
  const stop = await startProcess(MAIN, { DATABASE_URL: url, PORT: String(port), ROLES: 'api' }, port);
  const call = client(port);
  try {
    const { rows } = await pool.query<{ account: string; contact: string }>(
      `SELECT data->>'accountId' AS account, data->>'contactId' AS contact FROM event_store.events
        WHERE type = 'ContactAdded' AND stream_id LIKE 'account-tpl-%' LIMIT 1`,
    );
    const [{ account, contact }] = rows;
    const tickets = Array.from({ length: 20 }, (_, i) => `audit-${i}-${randomUUID().slice(0, 6)}`);
    const positions = new Map<string, string[]>();
    for (const id of tickets) {
      const ticket = { id, accountId: account, contactId: contact, subject: 'Audit', channel: 'api', priority: 'low' };
      // A new API process first reads the log for SLA policies (503 not_ready until then).
      let opened = await call('POST', '/v1/tickets', { ...ticket, category: 'audit' });
      for (let tries = 0; opened.status === 503 && tries < 600; tries += 1) {
        await new Promise((resolve) => setTimeout(resolve, 100));
        opened = await call('POST', '/v1/tickets', { ...ticket, category: 'audit' });
      }
      if (opened.status !== 201) throw new Error(`open ticket: ${opened.status} ${opened.body}`);
      const seen = [JSON.parse(opened.body).position as string];
      for (let note = 0; note < 45; note += 1) {
        const added = await call('POST', `/v1/tickets/${id}/notes`, { authorId: 'agent-1', body: `note ${note}` });
        seen.push(JSON.parse(added.body).position as string);
      }
      positions.set(id, seen);
    }
    progress('audit: 20 tickets of about 50 events; reading them as of random positions');
    const latencies: number[] = [];
    for (let i = 0; i < 2100; i += 1) {
      const id = tickets[i % tickets.length];
      const seen = positions.get(id)!;
      const asOf = seen[Math.floor(Math.random() * seen.length)];
      const started = performance.now();
      const answer = await call('GET', `/v1/tickets/${id}?asOf=${asOf}`);
      if (answer.status !== 200) throw new Error(`GET as of: ${answer.status} ${answer.body}`);
      if (i >= 100) latencies.push(performance.now() - started);
    }
    return percentile(latencies, 99);
  } finally {
    await stop();
  }
}
