import { randomUUID } from 'node:crypto';
import { Client, Pool, type PoolClient } from 'pg';
import { createTestDatabase, type TestDatabase } from '../../../../test/support/test-database';
import { eventStoreConformance } from '../event-store.conformance';
import { ChainVerifier, verifyLog } from '../hash-chain';
import type { EventToAppend, RecordedEvent } from '../event-store.port';
import type { HorizonBlocker, HorizonObserver } from './horizon-tracker';
import {
  PostgresEventStore,
  READ_LOG,
  READ_LOG_SOME_METADATA,
  type PostgresEventStoreOptions,
} from './postgres-event-store';
import { APPEND_EVENTS } from './postgres-event-store.migrations';

let db: TestDatabase;

beforeAll(async () => {
  db = await createTestDatabase();
  await PostgresEventStore.migrate(db.pool);
});

afterAll(async () => {
  await db.drop();
});

async function emptyStore(options: PostgresEventStoreOptions = {}): Promise<PostgresEventStore> {
  await db.pool.query('TRUNCATE event_store.events');
  return new PostgresEventStore(db.pool, { listenConnectionString: db.url, ...options });
}

eventStoreConformance('PostgreSQL', async (options) => {
  const store = await emptyStore(options);
  return { store, teardown: () => store.close() };
});

function event(n: number): EventToAppend {
  return { eventId: randomUUID(), type: 'T', data: { n } };
}

/** Calls the append function inside an explicit transaction that the test commits later. */
async function appendInOpenTransaction(streamId: string, n: number): Promise<PoolClient> {
  const client = await db.pool.connect();
  await client.query('BEGIN');
  const e = event(n);
  await client.query(APPEND_EVENTS, [streamId, -2, [e.eventId], ['T'], JSON.stringify([e.data]), '[{}]']);
  return client;
}

function collect(store: PostgresEventStore): {
  events: RecordedEvent[];
  until(count: number): Promise<void>;
  stop(): Promise<void>;
} {
  const events: RecordedEvent[] = [];
  const subscription = store.subscribeToAll({}, async (batch) => {
    events.push(...batch);
  });
  return {
    events,
    until: async (count) => {
      const deadline = Date.now() + 20_000;
      while (events.length < count) {
        if (Date.now() > deadline) throw new Error(`only ${events.length} of ${count} events delivered`);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    },
    stop: () => subscription.stop(),
  };
}

const pause = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

describe('PostgreSQL event store: no gaps when commits come out of position order', () => {
  it('holds a subscriber before an open append and delivers it, then later commits, in order', async () => {
    const store = await emptyStore();
    const subscriber = collect(store);
    const open = await appendInOpenTransaction('ticket-slow', 1);
    const later = await store.append('ticket-fast', [event(2)], 'no_stream');
    await pause(300);
    // A naive "position > checkpoint" reader would deliver ticket-fast now and later skip ticket-slow.
    expect(subscriber.events).toEqual([]);
    await open.query('COMMIT');
    open.release();
    await subscriber.until(2);
    expect(subscriber.events.map((e) => e.streamId)).toEqual(['ticket-slow', 'ticket-fast']);
    expect(subscriber.events[1].position).toBe(later.position);
    await subscriber.stop();
    await store.close();
  });

  it('never delivers an event from a transaction that rolls back', async () => {
    const store = await emptyStore();
    const subscriber = collect(store);
    const open = await appendInOpenTransaction('ticket-rolled-back', 1);
    await store.append('ticket-kept', [event(2)], 'no_stream');
    await open.query('ROLLBACK');
    open.release();
    await subscriber.until(1);
    await pause(200);
    expect(subscriber.events.map((e) => e.streamId)).toEqual(['ticket-kept']);
    await subscriber.stop();
    await store.close();
  });

  it('numbers the events of one append consecutively', async () => {
    const store = await emptyStore();
    const appended = await store.append('ticket-a', [event(1), event(2), event(3)], 'no_stream');
    const positions = (await store.readAll()).map((e) => e.position);
    expect(positions).toEqual([appended.position - 2n, appended.position - 1n, appended.position]);
    await store.close();
  });

  it("refuses a session's first append once its transaction has written, and registers it otherwise", async () => {
    const client = new Client({ connectionString: db.url });
    await client.connect();
    await client.query('BEGIN');
    await client.query('CREATE TEMP TABLE scratch (n int)');
    await client.query('INSERT INTO scratch VALUES (1)');
    await expect(
      client.query(APPEND_EVENTS, ['ticket-late', -2, [randomUUID()], ['T'], '[{}]', '[{}]']),
    ).rejects.toThrow("a session's first append must be the first write of its transaction");
    await client.query('ROLLBACK');
    await client.query(APPEND_EVENTS, ['ticket-first', -2, [randomUUID()], ['T'], '[{}]', '[{}]']);
    const { rows } = await client.query<{ registered: string; idle: string }>(
      `SELECT current_setting('event_store.appender') AS registered, current_setting('idle_in_transaction_session_timeout') AS idle`,
    );
    expect(rows[0]).toEqual({ registered: 'on', idle: '10s' });
    await client.end();
  });

  it.each([
    ['1min', '10s'],
    ['5s', '5s'],
  ])('bounds an appender session idle-in-transaction timeout of %s to %s', async (configured, bounded) => {
    const client = new Client({ connectionString: db.url });
    await client.connect();
    await client.query(`SET idle_in_transaction_session_timeout = '${configured}'`);
    await client.query(APPEND_EVENTS, [`ticket-${randomUUID()}`, -2, [randomUUID()], ['T'], '[{}]', '[{}]']);
    const { rows } = await client.query<{ idle: string }>(
      `SELECT current_setting('idle_in_transaction_session_timeout') AS idle`,
    );
    expect(rows[0].idle).toBe(bounded);
    await client.end();
  });
});

describe('PostgreSQL event store: a transaction left open does not stall readers forever', () => {
  function recordingObserver(): HorizonObserver & {
    stalls: { blocker?: HorizonBlocker; bypassed: boolean }[];
    recoveries: number;
  } {
    const observer = {
      stalls: [] as { blocker?: HorizonBlocker; bypassed: boolean }[],
      recoveries: 0,
      stalled: (_waited: number, blocker: HorizonBlocker | undefined, bypassed: boolean) => {
        observer.stalls.push({ blocker, bypassed });
      },
      recovered: () => {
        observer.recoveries++;
      },
    };
    return observer;
  }

  it('reports an idle transaction that never appends and reads past it after the bound', async () => {
    const observer = recordingObserver();
    const store = await emptyStore({ horizonStallMs: 200, observer });
    // A session of another application: it has never appended, so readers may look past it.
    const idle = new Client({ connectionString: db.url });
    await idle.connect();
    await idle.query('BEGIN');
    await idle.query('CREATE TEMP TABLE held (n int)');
    await idle.query('INSERT INTO held VALUES (1)');
    const { rows } = await idle.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
    const subscriber = collect(store);
    await store.append('ticket-behind-idle', [event(1)], 'no_stream');
    await subscriber.until(1);
    expect(observer.stalls[0]).toMatchObject({
      bypassed: true,
      blocker: { pid: rows[0].pid, state: 'idle in transaction' },
    });
    await idle.query('ROLLBACK');
    await idle.end();
    await store.append('ticket-after', [event(2)], 'no_stream');
    await subscriber.until(2);
    expect(subscriber.events.map((e) => e.streamId)).toEqual(['ticket-behind-idle', 'ticket-after']);
    await subscriber.stop();
    await store.close();
  });

  it('keeps waiting behind an open append, reporting it, and delivers everything once it commits', async () => {
    const observer = recordingObserver();
    const store = await emptyStore({ horizonStallMs: 100, observer });
    const subscriber = collect(store);
    const open = await appendInOpenTransaction('ticket-open', 1);
    await store.append('ticket-waiting', [event(2)], 'no_stream');
    await pause(600);
    expect(subscriber.events).toEqual([]);
    expect(observer.stalls.length).toBeGreaterThan(0);
    expect(observer.stalls.every((s) => !s.bypassed)).toBe(true);
    await open.query('COMMIT');
    open.release();
    await subscriber.until(2);
    expect(subscriber.events.map((e) => e.streamId)).toEqual(['ticket-open', 'ticket-waiting']);
    expect(observer.recoveries).toBeGreaterThan(0);
    await subscriber.stop();
    await store.close();
  });
});

describe('PostgreSQL event store: wake-ups across processes', () => {
  it('wakes a live subscription of another process through NOTIFY rather than its poll', async () => {
    const writer = await emptyStore();
    // Another process: its own pool and store, polling only once a minute.
    const otherPool = new Pool({ connectionString: db.url, max: 2 });
    const reader = new PostgresEventStore(otherPool, { listenConnectionString: db.url, pollIntervalMs: 60_000 });
    const received: RecordedEvent[] = [];
    const subscription = reader.subscribeToAll({}, async (batch) => {
      received.push(...batch);
    });
    await pause(300);
    const appended = await writer.append('ticket-wake', [event(1)], 'no_stream');
    const deadline = Date.now() + 20_000;
    while (received.length === 0 && Date.now() < deadline) await pause(20);
    expect(received.map((e) => e.position)).toEqual([appended.position]);
    await subscription.stop();
    await reader.close();
    await otherPool.end();
    await writer.close();
  });
});

describe('PostgreSQL event store: connection loss', () => {
  it('keeps a subscription going across killed connections, each event delivered once and in order', async () => {
    const store = await emptyStore();
    const subscriber = collect(store);
    const appended: string[] = [];
    const admin = new Client({ connectionString: db.url });
    await admin.connect();
    for (let i = 0; i < 60; i++) {
      if (i % 20 === 10) {
        await admin.query(
          `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()`,
        );
      }
      const e = event(i);
      for (let attempt = 0; ; attempt++) {
        try {
          await store.append(`ticket-${i % 5}`, [e], 'any');
          break;
        } catch (error) {
          // The append's connection was killed under it; a retry with the same id is safe.
          if (attempt > 5) throw error;
        }
      }
      appended.push(e.eventId);
    }
    await subscriber.until(appended.length);
    await pause(300);
    expect(subscriber.events.map((e) => e.eventId)).toEqual(appended);
    await admin.end();
    await subscriber.stop();
    await store.close();
  });
});

describe('PostgreSQL event store: a tamper-evident log', () => {
  it('names the event whose stored bytes were changed, and the one after an event removed', async () => {
    const store = await emptyStore();
    await store.append('account-acme', [event(1), event(2), event(3)], 'no_stream');
    const [, second, third] = await store.readStream('account-acme');
    // The store's own check in SQL, and reading the log out: the same answer.
    const verify = async () => {
      const read = new ChainVerifier().check(await store.readAll({ asStored: true }));
      const inStore = (await verifyLog(store)).broken;
      expect(inStore && { kind: inStore.kind, eventId: inStore.event.eventId }).toEqual(
        read && { kind: read.kind, eventId: read.event.eventId },
      );
      return read;
    };
    expect(await verify()).toBeUndefined();

    await db.pool.query(`UPDATE event_store.events SET data = '{"n": 7}' WHERE event_id = $1`, [second.eventId]);
    expect(await verify()).toMatchObject({ kind: 'hash_mismatch', event: { eventId: second.eventId } });

    await db.pool.query(`UPDATE event_store.events SET data = '{"n": 2}' WHERE event_id = $1`, [second.eventId]);
    expect(await verify()).toBeUndefined();
    await db.pool.query(`UPDATE event_store.events SET metadata = '{"actor": "mallory"}' WHERE event_id = $1`, [
      third.eventId,
    ]);
    expect(await verify()).toMatchObject({ kind: 'hash_mismatch', event: { eventId: third.eventId } });

    await db.pool.query(`DELETE FROM event_store.events WHERE event_id = $1`, [second.eventId]);
    expect(await verify()).toMatchObject({ kind: 'revision_gap', event: { eventId: third.eventId } });
    await store.close();
  });

  it('starts the chain of a stream recorded before hashes at its first new event', async () => {
    const store = await emptyStore();
    await store.append('account-old', [event(1), event(2)], 'no_stream');
    await db.pool.query(`UPDATE event_store.events SET hash = NULL`);
    await store.append('account-old', [event(3)], 1n);
    const verifier = new ChainVerifier();
    expect(verifier.check(await store.readAll({ asStored: true }))).toBeUndefined();
    expect({ sealed: verifier.sealed, unsealed: verifier.unsealed }).toEqual({ sealed: 1, unsealed: 2 });
    expect(await verifyLog(store)).toEqual({ sealed: 1, unsealed: 2 });
    await store.close();
  });
});

describe('PostgreSQL event store: group commit', () => {
  /** The transaction an event was appended in (positions are its id << 16 | index). */
  const transactionOf = (position: bigint): bigint => position >> 16n;

  it('commits appends that arrive together in one transaction, each checked and answered on its own', async () => {
    const groups: number[] = [];
    const observer = {
      stalled: () => undefined,
      recovered: () => undefined,
      appendGroupSent: (n: number) => void groups.push(n),
    };
    const store = await emptyStore({ groups: { maxInFlight: 1 }, observer });
    await store.append('ticket-valid', [event(1)], 'no_stream');
    await store.append('ticket-behind', [event(2), event(3)], 'no_stream');
    const recorded = [event(4)];
    const first = await store.append('ticket-retried', recorded, 'no_stream');
    const subscriber = collect(store);

    // They arrive while the last append is still in flight, and go together as the next group.
    const [valid, created, behind, missing, retried] = await Promise.allSettled([
      store.append('ticket-valid', [event(6)], 0n),
      store.append('ticket-new', [event(7), event(8)], 'no_stream'),
      store.append('ticket-behind', [event(9)], 0n),
      store.append('ticket-missing', [event(10)], 'stream_exists'),
      store.append('ticket-retried', recorded, 'no_stream'),
    ]);

    expect(valid).toMatchObject({ status: 'fulfilled', value: { nextRevision: 1n, idempotent: false } });
    expect(created).toMatchObject({ status: 'fulfilled', value: { nextRevision: 1n, idempotent: false } });
    const [validPosition, createdPosition] = [valid, created].map((r) =>
      r.status === 'fulfilled' ? r.value.position : 0n,
    );
    expect(transactionOf(validPosition)).toBe(transactionOf(createdPosition));
    expect(transactionOf(validPosition)).not.toBe(transactionOf(first.position));
    expect(behind).toMatchObject({ status: 'rejected', reason: { code: 'wrong_expected_version', actual: 1n } });
    expect(missing).toMatchObject({
      status: 'rejected',
      reason: { code: 'wrong_expected_version', actual: 'no_stream' },
    });
    expect(retried).toMatchObject({ status: 'fulfilled', value: { ...first, idempotent: true } });
    // What the metric event_store_append_group_appends sees: three appends alone, then the five together.
    expect(groups).toEqual([1, 1, 1, 5]);

    expect((await store.readStream('ticket-new')).map((e) => e.data)).toEqual([{ n: 7 }, { n: 8 }]);
    expect((await store.readStream('ticket-behind')).map((e) => e.data)).toEqual([{ n: 2 }, { n: 3 }]);
    expect(await store.readStream('ticket-missing')).toEqual([]);
    expect((await verifyLog(store)).broken).toBeUndefined();
    await subscriber.until(7);
    await pause(100);
    expect(subscriber.events.map((e) => e.data)).toEqual([1, 2, 3, 4, 6, 7, 8].map((n) => ({ n })));
    await subscriber.stop();
    await store.close();
  });

  it('answers each append of a group that one append broke (a retried id, an id of another stream)', async () => {
    const store = await emptyStore({ groups: { maxInFlight: 1 } });
    const recorded = [event(1)];
    const first = await store.append('ticket-retried', recorded, 'no_stream');
    const taken = event(2);
    await store.append('ticket-owner', [taken], 'no_stream');

    const [valid, retried, clash, other] = await Promise.allSettled([
      store.append('ticket-valid', [event(4)], 'no_stream'),
      // 'any' passes the check, so these reach the unique keys and fail the whole statement.
      store.append('ticket-retried', recorded, 'any'),
      store.append('ticket-thief', [taken], 'any'),
      store.append('ticket-other', [event(5)], 'any'),
    ]);

    expect(valid).toMatchObject({ status: 'fulfilled', value: { nextRevision: 0n, idempotent: false } });
    expect(other).toMatchObject({ status: 'fulfilled', value: { nextRevision: 0n, idempotent: false } });
    expect(retried).toMatchObject({ status: 'fulfilled', value: { ...first, idempotent: true } });
    expect(clash).toMatchObject({
      status: 'rejected',
      reason: { code: 'duplicate_event_id', eventId: taken.eventId, existingStreamId: 'ticket-owner' },
    });
    expect(await store.readStream('ticket-thief')).toEqual([]);
    expect((await store.readAll()).map((e) => e.data)).toEqual([1, 2, 4, 5].map((n) => ({ n })));
    await store.close();
  });

  it('keeps appends to one stream in arrival order, never two of them in one group', async () => {
    const store = await emptyStore({ groups: { maxInFlight: 1 } });
    const appends = Array.from({ length: 20 }, (_, n) => store.append(`ticket-${n % 2}`, [event(n)], 'any'));
    const results = await Promise.all(appends);
    expect(results.map((r) => r.nextRevision)).toEqual(Array.from({ length: 20 }, (_, n) => BigInt(Math.floor(n / 2))));
    expect((await store.readStream('ticket-0')).map((e) => e.data)).toEqual(
      Array.from({ length: 10 }, (_, n) => ({ n: n * 2 })),
    );
    await store.close();
  });
});

describe('PostgreSQL event store: migrations and restores', () => {
  it('applies its migrations once even when started twice at the same time', async () => {
    await Promise.all([PostgresEventStore.migrate(db.pool), PostgresEventStore.migrate(db.pool)]);
    const { rows } = await db.pool.query(
      `SELECT version FROM schema_migrations WHERE component = 'event_store' ORDER BY version`,
    );
    expect(rows).toEqual([{ version: 1 }, { version: 2 }]);
  });

  it('keeps positions increasing on connections to a server restored with lower transaction ids', async () => {
    await db.pool.query('TRUNCATE event_store.events');
    const restoredHigh = (1n << 40n) + 5n;
    await db.pool.query(
      `INSERT INTO event_store.events (position, stream_id, revision, event_id, type, data, metadata)
       VALUES ($1, 'ticket-restored', 0, gen_random_uuid(), 'T', '{}', '{}')`,
      [restoredHigh.toString()],
    );
    // A process that reconnects to the restored server: new connections, no restart.
    const reconnected = new Pool({ connectionString: db.url, max: 2 });
    const store = new PostgresEventStore(reconnected);
    const appended = await store.append('ticket-new', [event(1)], 'no_stream');
    expect(appended.position).toBeGreaterThan(restoredHigh);
    expect((await store.readAll()).map((e) => e.streamId)).toEqual(['ticket-restored', 'ticket-new']);
    await store.close();
    await reconnected.end();
    await db.pool.query('UPDATE event_store.log_config SET xid_offset = 0');
  });
});

describe('PostgreSQL event store: reading a long log', () => {
  it('walks the log along its primary key, never sorting it, whatever the batch size; reads return the batch in order', async () => {
    await db.pool.query('TRUNCATE event_store.events');
    await db.pool.query(
      `INSERT INTO event_store.events (position, stream_id, revision, event_id, type, data, metadata)
       SELECT i, 'ticket-' || (i % 500), i / 500, gen_random_uuid(), 'T', jsonb_build_object('n', i), '{}' FROM generate_series(1, 20000) i ORDER BY random()`,
    );
    await db.pool.query('ANALYZE event_store.events');
    const client = await db.pool.connect();
    await client.query(`PREPARE read_log(bigint, int) AS ${READ_LOG}`);
    await client.query(`PREPARE read_log_some_metadata(bigint, int, text[]) AS ${READ_LOG_SOME_METADATA}`);
    // The statements are prepared: after a few runs PostgreSQL may plan them once for any parameters.
    for (const [mode, limit] of [
      ['force_custom_plan', 10],
      ['force_custom_plan', 500],
      ['force_custom_plan', 10_000],
      ['force_generic_plan', 10_000],
    ] as const) {
      await client.query(`SET plan_cache_mode = ${mode}`);
      for (const execute of [`read_log(0, ${limit})`, `read_log_some_metadata(0, ${limit}, '{T}')`]) {
        const { rows } = await client.query(`EXPLAIN (FORMAT JSON) EXECUTE ${execute}`);
        const plan = JSON.stringify(rows[0]['QUERY PLAN']);
        // Concurrent appends leave the table out of position order. A range bounded by the horizon (a
        // function) was estimated at 0.5 % of the log: a batch larger than that sorted the rest of it.
        expect(plan).not.toContain('"Node Type":"Sort"');
        expect(plan).toContain('"Index Name":"events_pkey"');
      }
    }
    await client.query('DEALLOCATE read_log; DEALLOCATE read_log_some_metadata; RESET plan_cache_mode');
    client.release();
    const store = new PostgresEventStore(db.pool);
    const batch = await store.readAll({ after: 5n, limit: 10_000 });
    expect(batch.map((e) => Number(e.position))).toEqual(Array.from({ length: 10_000 }, (_, i) => i + 6));
    await db.pool.query('TRUNCATE event_store.events');
  });

  it('sends the metadata of the types a read asks for only (and of types upcast on read, which need it)', async () => {
    const store = await emptyStore({
      upcasters: [
        {
          type: 'Old',
          fromVersion: 1,
          upcast: (data, metadata) => ({ ...(data as object), from: metadata.source ?? null }),
        },
      ],
    });
    const metadata = { source: 'crm', correlationId: 'c-1' };
    await store.append(
      'ticket-meta',
      ['Wanted', 'Other', 'Old'].map((type) => ({ eventId: randomUUID(), type, data: {}, metadata })),
      'no_stream',
    );
    const read = await store.readAll({ metadataOf: new Set(['Wanted']) });
    expect(read.map((e) => [e.type, e.data, e.metadata])).toEqual([
      ['Wanted', {}, metadata],
      ['Other', {}, {}],
      ['Old', { from: 'crm' }, { ...metadata, schemaVersion: 2 }],
    ]);
    expect((await store.readAll()).map((e) => e.metadata)).toEqual([
      metadata,
      metadata,
      { ...metadata, schemaVersion: 2 },
    ]);
    const delivered: RecordedEvent[] = [];
    const subscription = store.subscribeToAll(
      { metadataOf: new Set(['Wanted']) },
      async (events) => void delivered.push(...events),
    );
    for (const deadline = Date.now() + 10_000; delivered.length < 3 && Date.now() < deadline;)
      await new Promise((resolve) => setTimeout(resolve, 20));
    await subscription.stop();
    expect(delivered.map((e) => e.metadata)).toEqual([metadata, {}, { ...metadata, schemaVersion: 2 }]);
    await store.close();
  });
});
