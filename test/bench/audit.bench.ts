import { randomUUID } from 'node:crypto';
import type { Pool } from 'pg';
import { KNOWN_EVENT_TYPES } from '../../libs/domain/src';
import { chainHash, contentDigest, describeBreak, verifyLog, type EventStore } from '../../libs/event-store/src';
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
import { ledgerOverLog } from './ledger.bench';
import { protectedStore, seedTemplate } from './read-models.bench';

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
 * `GET /v1/tickets/{id}?asOf=` on tickets of about 50 events, over HTTP. `verify.events_per_s`:
 * `support-ops verify` over the larger log; floor: reading it without hashing.
 */
export async function auditGroup({ pool: benchPool, url: benchUrl, scale, progress }: BenchContext): Promise<Figure[]> {
  return withOwnDatabase(benchPool, benchUrl, 'audit', 16, async (pool, url) => {
    await seedTemplate(url);
    const store = await protectedStore(pool);
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
    const verify = await verifyRates(store.stored, progress);
    const ledger = await ledgerOverLog(pool, store.stored, accounts, verify.read, progress);
    return [
      ...ledger,
      figure('audit.replay_account_ms', large.replayMs, 'ms', large.scanMs),
      figure('audit.replay_account_ms.small_log', small.replayMs, 'ms', small.scanMs),
      figure('audit.replay_growth_ratio', large.replayMs / small.replayMs, 'ratio'),
      figure('audit.as_of_p99_ms', asOfP99, 'ms'),
      figure('verify.events_per_s', verify.verify, 'events/s', verify.read),
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
 * at most 65,535 events in one transaction, positioned as the store positions a multi-event append,
 * each chained to its stream as the store chains it (hash-chain.ts). Sealed personal data is left
 * out of the copies: its boxes are bound to the template's event ids.
 */
async function fillTo(pool: Pool, from: number, target: number, progress: (message: string) => void): Promise<void> {
  const { rows: template } = await pool.query<{
    stream_id: string;
    revision: string;
    type: string;
    data: string;
    metadata: string;
  }>(
    `SELECT stream_id, revision, type, (data - '$pii')::text AS data, metadata::text AS metadata
       FROM event_store.events WHERE stream_id LIKE '%tpl-%' ORDER BY position`,
  );
  const copies = Math.max(1, Math.ceil((target - from) / template.length));
  const prefixes = Array.from({ length: copies }, (_, n) => `c${n}${randomUUID().slice(0, 6)}-`);
  const last = new Map<string, Buffer>();
  let chunk: string[][] = [[], [], [], [], [], [], []];
  let done = 0;
  const flush = async () => {
    await pool.query(
      `INSERT INTO event_store.events (position, stream_id, revision, event_id, type, data, metadata, hash)
       SELECT ((pg_current_xact_id()::text::bigint + (SELECT xid_offset FROM event_store.log_config)) << 16) + (k - 1),
              stream_id, revision, event_id, type, data::jsonb, metadata::jsonb, decode(hash, 'hex')
         FROM unnest($1::text[], $2::bigint[], $3::uuid[], $4::text[], $5::text[], $6::text[], $7::text[])
              WITH ORDINALITY AS u(stream_id, revision, event_id, type, data, metadata, hash, k)`,
      chunk,
    );
    done += chunk[0].length;
    chunk = [[], [], [], [], [], [], []];
    if ((done / PER_TRANSACTION) % 5 === 0) progress(`audit: log at ${from + done} events`);
  };
  for (const event of template) {
    for (const prefix of prefixes) {
      const rename = (text: string) => text.replaceAll('tpl-', prefix);
      const [streamId, data, metadata, eventId] = [
        rename(event.stream_id),
        rename(event.data),
        rename(event.metadata),
        randomUUID(),
      ];
      const digest = contentDigest({
        eventId,
        type: event.type,
        data: JSON.parse(data),
        metadata: JSON.parse(metadata),
      });
      const hash = chainHash(last.get(streamId), digest);
      last.set(streamId, hash);
      for (const [column, value] of [
        streamId,
        event.revision,
        eventId,
        event.type,
        data,
        metadata,
        hash.toString('hex'),
      ].entries())
        chunk[column].push(value);
      if (chunk[0].length === PER_TRANSACTION) await flush();
    }
  }
  if (chunk[0].length > 0) await flush();
  await pool.query('VACUUM (ANALYZE) event_store.events');
}

/**
 * `support-ops verify` over the whole log as stored; floor: the same reads without the hashing. The
 * median of three rounds of each, alternating.
 */
async function verifyRates(store: EventStore, progress: (message: string) => void) {
  const rounds = { verify: [] as number[], read: [] as number[] };
  for (let round = 1; round <= 3; round += 1) {
    progress(`verify: round ${round}/3`);
    let started = performance.now();
    const report = await verifyLog(store);
    if (report.broken) throw new Error(`the bench log does not verify: ${describeBreak(report.broken)}`);
    const events = report.sealed + report.unsealed;
    rounds.verify.push(events / ((performance.now() - started) / 1000));
    started = performance.now();
    let read = 0;
    for (let after = 0n; ;) {
      const batch = await store.readAll({ after, limit: 5000, asStored: true });
      if (batch.length === 0) break;
      read += batch.length;
      after = batch[batch.length - 1].position;
    }
    rounds.read.push(read / ((performance.now() - started) / 1000));
  }
  return { verify: percentile(rounds.verify, 50), read: percentile(rounds.read, 50) };
}

/** The timeline rebuilt to the head (its steady state), then each account read both ways. */
async function replayTimes(
  pool: Pool,
  store: EventStore,
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
