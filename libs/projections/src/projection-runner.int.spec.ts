import { randomUUID } from 'node:crypto';
import { connect, createServer, type Socket } from 'node:net';
import pino from 'pino';
import { PostgresEventStore, type RecordedEvent } from '@app/event-store';
import { createTestDatabase, type TestDatabase } from '../../../test/support/test-database';
import { applyEach, qualified, type Projection } from './projection';
import { ProjectionRunner, type RunnerObserver } from './projection-runner';
import { ensureProjection, migrateProjections, readStatus } from './projection-store';
import { Rebuilder } from './rebuilder';

const logger = pino({ level: 'silent' });
let failOn: string | null = null;

/** Counts events per stream in a running total: applying an event twice would count it twice. */
const counting: Projection = {
  name: 'counting',
  handles: new Set(['Counted']),
  setup: (schema) => `CREATE TABLE ${qualified(schema, 'totals')} (stream_id text PRIMARY KEY, n bigint NOT NULL);`,
  apply: (tx, schema, events: RecordedEvent[]) =>
    applyEach(events, async (event) => {
      if ((event.data as { label?: string }).label === failOn) throw new Error(`cannot count ${failOn}`);
      await tx.query(
        `INSERT INTO ${qualified(schema, 'totals')} VALUES ($1, 1) ON CONFLICT (stream_id) DO UPDATE SET n = ${qualified(schema, 'totals')}.n + 1`,
        [event.streamId],
      );
    }),
};

/** A TCP path to the server for one client; `cut` drops its connections and refuses new ones. */
async function cuttableProxy(target: URL): Promise<{ url: string; cut(): void }> {
  const sockets = new Set<Socket>();
  const server = createServer((client) => {
    const upstream = connect(Number(target.port || 5432), target.hostname);
    for (const [from, to] of [
      [client, upstream],
      [upstream, client],
    ]) {
      sockets.add(from);
      from.on('error', () => undefined);
      from.on('close', () => (sockets.delete(from), to.destroy()));
      from.pipe(to);
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = new URL(target);
  [url.hostname, url.port] = ['127.0.0.1', String((server.address() as { port: number }).port)];
  return {
    url: url.toString(),
    cut: () => {
      server.close();
      for (const socket of sockets) socket.destroy();
    },
  };
}

describe('ProjectionRunner', () => {
  let db: TestDatabase;
  let store: PostgresEventStore;
  const runners: ProjectionRunner[] = [];
  const cuts: Array<() => void> = [];
  const leaderships: Array<[string, boolean]> = [];
  const observer: RunnerObserver = {
    applied: () => undefined,
    failed: () => undefined,
    unknown: () => undefined,
    leadership: (name, leader) => void leaderships.push([name, leader]),
  };
  const runner = (connectionString = db.url) => {
    const created = new ProjectionRunner(
      counting,
      store,
      db.pool,
      new Set(['Counted']),
      { batchSize: 7, rebuildBatchSize: 7, leaderPollMs: 50, retryMs: 100, connectionString },
      logger,
      observer,
    );
    runners.push(created);
    created.start();
    return created;
  };
  const append = async (stream: string, count: number, type = 'Counted', label = 'ok') => {
    for (let i = 0; i < count; i += 1)
      await store.append(stream, [{ eventId: randomUUID(), type, data: { label } }], 'any');
  };
  const totals = async () => {
    const [status] = await readStatus(db.pool, 'counting');
    const { rows } = await db.pool.query(
      `SELECT stream_id, n FROM ${qualified(status.active_schema, 'totals')} ORDER BY stream_id`,
    );
    return Object.fromEntries(rows.map((row) => [row.stream_id, Number(row.n)]));
  };
  const until = async (condition: () => Promise<boolean>, what: string) => {
    for (const deadline = Date.now() + 20_000; !(await condition());) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  };
  const caughtUp = async () => {
    const head = await store.headPosition();
    await until(
      async () => BigInt((await readStatus(db.pool, 'counting'))[0]?.position ?? -1) >= head,
      'the projection to catch up',
    );
  };

  beforeAll(async () => {
    db = await createTestDatabase(12);
    await PostgresEventStore.migrate(db.pool);
    await migrateProjections(db.pool);
    store = new PostgresEventStore(db.pool, { listenConnectionString: db.url });
  });

  afterEach(async () => {
    await Promise.all(runners.splice(0).map((r) => r.stop()));
    for (const cut of cuts.splice(0)) cut();
    failOn = null;
  });

  afterAll(async () => {
    await store.close();
    await db.drop();
  });

  it('applies every event once; a second runner stands by and takes over when the leader’s session dies', async () => {
    // The first runner reaches the server through a proxy that the test cuts, as when its process dies:
    // its lock session ends and it cannot come back (else it might win the lock again before the standby).
    const path = await cuttableProxy(new URL(db.url));
    cuts.push(path.cut);
    const leader = runner(path.url);
    await until(async () => leader.isLeader, 'the first runner to lead');
    const standby = runner();
    await append('s-a', 20);
    await caughtUp();
    expect([leader.isLeader, standby.isLeader]).toEqual([true, false]);
    path.cut();
    // The server would notice the dropped connection; terminating its backend too ends the session at once.
    await db.pool.query(
      `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'support-ops projection counting' AND pid IN (SELECT pid FROM pg_locks WHERE locktype = 'advisory' AND granted)`,
    );
    await append('s-b', 15);
    await until(async () => standby.isLeader, 'the standby to lead');
    await caughtUp();
    expect(leader.isLeader).toBe(false);
    expect(await totals()).toEqual({ 's-a': 20, 's-b': 15 });
  });

  it('stops whenever it is asked, also while it is becoming leader and subscribing', async () => {
    await append('s-stop', 3);
    for (let i = 0; i < 40; i += 1) {
      const created = new ProjectionRunner(
        counting,
        store,
        db.pool,
        new Set(['Counted']),
        { batchSize: 7, rebuildBatchSize: 7, leaderPollMs: 50, retryMs: 100, connectionString: db.url },
        logger,
        observer,
      );
      created.start();
      await new Promise((resolve) => setTimeout(resolve, i % 20));
      await created.stop();
    }
    // None of them kept the lock or a subscription: a new runner leads and catches up.
    runner();
    await caughtUp();
  });

  it('stops at an event whose handler throws, shows the error and position, and resumes once the fault is gone', async () => {
    runner();
    await append('s-c', 3);
    await caughtUp();
    failOn = 'poison';
    await append('s-c', 1, 'Counted', 'poison');
    const [poison] = (await store.readStream('s-c', { direction: 'backward', limit: 1 })) as RecordedEvent[];
    await append('s-c', 2);
    await until(async () => (await readStatus(db.pool, 'counting'))[0].state === 'failed', 'the failure to show');
    const [failed] = await readStatus(db.pool, 'counting');
    expect([failed.error, failed.failed_position]).toEqual([
      'Counted at position ' + poison.position + ': cannot count poison',
      poison.position.toString(),
    ]);
    expect(BigInt(failed.position)).toBeLessThan(poison.position);
    const before = (await totals())['s-c'];
    failOn = null;
    await caughtUp();
    expect((await readStatus(db.pool, 'counting'))[0].state).toBe('running');
    expect((await totals())['s-c']).toBe(before + 3);
  });

  it('stops at once while a failed projection waits to retry, whatever the retry interval', async () => {
    const waiting = new ProjectionRunner(
      counting,
      store,
      db.pool,
      new Set(['Counted']),
      { batchSize: 7, rebuildBatchSize: 7, leaderPollMs: 50, retryMs: 600_000, connectionString: db.url },
      logger,
      observer,
    );
    runners.push(waiting);
    waiting.start();
    failOn = 'stuck';
    await append('s-retry', 1, 'Counted', 'stuck');
    await until(async () => (await readStatus(db.pool, 'counting'))[0].state === 'failed', 'the failure to show');
    // A process shutting down (SIGTERM) must not wait ten minutes for the retry.
    await waiting.stop();
    expect(waiting.isLeader).toBe(false);
    failOn = null;
    runner();
    await caughtUp();
  });

  it('counts events of unknown types and passes over them', async () => {
    runner();
    const [before] = await readStatus(db.pool, 'counting');
    await append('s-d', 2, 'FromTheFuture');
    await append('s-d', 1);
    await caughtUp();
    const [after] = await readStatus(db.pool, 'counting');
    expect(Number(after.unknown_events) - Number(before.unknown_events)).toBe(2);
    expect((await totals())['s-d']).toBe(1);
  });

  it('rebuilds beside the live model while events keep coming, and swaps to identical totals', async () => {
    runner();
    await append('s-e', 10);
    await caughtUp();
    const live = await totals();
    const rebuilder = new Rebuilder(counting, store, db.pool, new Set(['Counted']), 5);
    const schema = await rebuilder.request();
    const writing = append('s-e', 10);
    expect(await rebuilder.run()).toBe(true);
    await writing;
    await caughtUp();
    const [status] = await readStatus(db.pool, 'counting');
    expect([status.active_schema, status.rebuild_schema]).toEqual([schema, null]);
    expect(await totals()).toEqual({ ...live, 's-e': 20 });
  });

  it('rebuilds two read models in one pass, one of them resumed from further on, each event applied once to each', async () => {
    const other: Projection = { ...counting, name: 'counting_b' };
    await append('s-t', 23);
    const [a, b] = [counting, other].map(
      (projection) => new Rebuilder(projection, store, db.pool, new Set(['Counted']), 4),
    );
    await ensureProjection(db.pool, other);
    const [schemaA, schemaB] = [await a.request(), await b.request()];
    // b gets ahead alone (a crash or an earlier run), then both go on together from their own checkpoints.
    await new Promise<void>((resolve) => void b.run(() => (b.stop(), resolve())));
    const ahead = BigInt((await readStatus(db.pool, 'counting_b'))[0].rebuild_position ?? '0');
    expect(ahead).toBeGreaterThan(0n);
    const fresh = new Rebuilder(other, store, db.pool, new Set(['Counted']), 4);
    expect(await Rebuilder.together([a, fresh], store, 4)).toBe(true);
    const count = async (schema: string) =>
      Number((await db.pool.query(`SELECT n FROM ${qualified(schema, 'totals')} WHERE stream_id = 's-t'`)).rows[0].n);
    expect([await count(schemaA), await count(schemaB)]).toEqual([23, 23]);
    expect(
      (await readStatus(db.pool))
        .filter((row) => row.name.startsWith('counting'))
        .map((row) => [row.name, row.active_schema]),
    ).toEqual([
      ['counting', schemaA],
      ['counting_b', schemaB],
    ]);
  });
});
