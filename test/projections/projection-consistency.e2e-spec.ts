import type { ChildProcess } from 'node:child_process';
import { Test } from '@nestjs/testing';
import pino from 'pino';
import { SeedCommand } from '../../apps/cli/src/seed/seed.command';
import { CliModule } from '../../apps/cli/src/cli.module';
import { KNOWN_EVENT_TYPES } from '../../libs/domain/src';
import type { EventStore } from '../../libs/event-store/src';
import {
  ALL_PROJECTIONS,
  ensureProjection,
  migrateProjections,
  ProjectionRunner,
  readStatus,
  Rebuilder,
  type Projection,
} from '../../libs/projections/src';
import { Random } from '../../libs/simulator/src';
import { buildFromScratch, dumpSchema } from '../support/read-model-dump';
import { freePorts } from '../support/free-port';
import { createTestDatabase, type TestDatabase } from '../support/test-database';
import { exited, WorkerProcesses } from '../support/worker-processes';

const random = new Random(2026);
const silent = pino({ level: 'silent' });
const noObserver = {
  applied: () => undefined,
  failed: () => undefined,
  unknown: () => undefined,
  leadership: () => undefined,
};

let db: TestDatabase;
let store: EventStore;
let seed: SeedCommand;
let closeApp: () => Promise<void>;
let histories = 0;

/** Another simulated history through the command side, in this process. */
async function moreHistory(accounts: number, days: number): Promise<void> {
  histories += 1;
  await seed.run([], { seed: histories, accounts, from: '2026-02-01', days, prefix: `h${histories}`, concurrency: 8 });
}

async function until(condition: () => Promise<boolean>, what: string, timeoutMs = 60_000): Promise<void> {
  for (const deadline = Date.now() + timeoutMs; !(await condition());) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

async function caughtUp(names: string[]): Promise<boolean> {
  const head = await store.headPosition();
  const rows = await readStatus(db.pool);
  return names.every((name) =>
    rows.some((row) => row.name === name && BigInt(row.position) >= head && row.rebuild_schema === null),
  );
}

/** The live schema's rows equal those of one clean pass over the whole log. */
async function expectSameAsCleanBuild(projection: Projection, name = projection.name): Promise<void> {
  const [status] = await readStatus(db.pool, name);
  const reference = `rm_${name}_9999`;
  await buildFromScratch(db.pool, store, projection, reference);
  expect(await dumpSchema(db.pool, status.active_schema)).toEqual(await dumpSchema(db.pool, reference));
  await db.pool.query(`DROP SCHEMA "${reference}" CASCADE`);
}

beforeAll(async () => {
  db = await createTestDatabase(16);
  Object.assign(process.env, { ...db.env, LOG_LEVEL: 'silent' });
  const app = await Test.createTestingModule({ imports: [CliModule] }).compile();
  await app.init();
  seed = app.get(SeedCommand);
  closeApp = () => app.close();
  jest.spyOn(process.stdout, 'write').mockImplementation(() => true);
  store = db.eventStore.open(db.pool, db.url);
  await migrateProjections(db.pool);
  await moreHistory(5, 45);
});

afterAll(async () => {
  await store.close();
  await closeApp();
  await db.drop();
});

describe('read models are the same however they were built', () => {
  it('live application in random batch sizes with random restarts gives exactly the rows of a clean build', async () => {
    await moreHistory(4, 30);
    for (const base of ALL_PROJECTIONS) {
      const projection = { ...base, name: `${base.name}_prop` };
      while (!(await caughtUp([projection.name]))) {
        const batchSize = random.int(1, 60);
        const runner = new ProjectionRunner(
          projection,
          store,
          db.pool,
          KNOWN_EVENT_TYPES,
          { batchSize, rebuildBatchSize: batchSize, leaderPollMs: 20, retryMs: 50, connectionString: db.url },
          silent,
          noObserver,
        );
        runner.start();
        await new Promise((resolve) => setTimeout(resolve, random.int(20, 300)));
        await runner.stop();
      }
      await expectSameAsCleanBuild(base, projection.name);
    }
  });
});

describe('crashes', () => {
  const workers = new WorkerProcesses(() => db.env);
  afterEach(() => workers.killAll());

  const startWorker = (port = 0): ChildProcess =>
    workers.start({
      ROLES: 'projector',
      WORKER_PORT: String(port),
      PROJECTION_BATCH_SIZE: String(random.int(5, 80)),
      PROJECTION_REBUILD_BATCH_SIZE: String(random.int(5, 80)),
      PROJECTION_LEADER_POLL_MS: '100',
    });

  it('kill -9 of the worker at random points of live projection and of rebuilds, three times per read model, never double counts or loses an event', async () => {
    const names = ALL_PROJECTIONS.map((projection) => projection.name);
    for (const projection of ALL_PROJECTIONS) await ensureProjection(db.pool, projection);
    for (let crash = 1; crash <= 3 * ALL_PROJECTIONS.length; crash += 1) {
      if (crash % 3 === 0) {
        // These crashes land in a rebuild (the worker's leader carries it out), of each projection in turn.
        const projection = ALL_PROJECTIONS[crash / 3 - 1];
        await new Rebuilder(projection, store, db.pool, KNOWN_EVENT_TYPES, 50).request();
      }
      const worker = startWorker();
      const flowing = crash % 2 === 0 ? moreHistory(2, 10) : Promise.resolve();
      await new Promise((resolve) => setTimeout(resolve, random.int(300, 2500)));
      worker.kill('SIGKILL');
      await exited(worker);
      await flowing;
    }
    const last = startWorker();
    await until(() => caughtUp(names), 'the read models to catch up after the last restart', 120_000);
    last.kill('SIGTERM');
    await exited(last);
    for (const projection of ALL_PROJECTIONS) await expectSameAsCleanBuild(projection);
    const status = await readStatus(db.pool);
    expect(status.filter((row) => names.includes(row.name)).map((row) => [row.name, row.state])).toEqual(
      names.sort().map((name) => [name, 'running']),
    );
    // Every third crash requested a rebuild of one projection in turn: each has been swapped at least once.
    expect(status.filter((row) => names.includes(row.name)).every((row) => row.generation > 1)).toBe(true);
  }, 300_000);

  it('two worker processes: one leader per projection; kill -9 of the leader hands every projection over', async () => {
    const names = ALL_PROJECTIONS.map((projection) => projection.name);
    const ports = await freePorts(2);
    const running = ports.map((port) => startWorker(port));
    const leaders = async (port: number) => {
      const text = await fetch(`http://127.0.0.1:${port}/metrics`).then(
        (response) => response.text(),
        () => '',
      );
      return names.filter((name) => text.includes(`projection_leader{projection="${name}"} 1`));
    };
    await until(
      async () => (await leaders(ports[0])).length + (await leaders(ports[1])).length === names.length,
      'every projection to have a leader',
    );
    const [first, second] = [await leaders(ports[0]), await leaders(ports[1])];
    expect([...first, ...second].sort()).toEqual([...names].sort());
    const victim = first.length > 0 ? 0 : 1;
    running[victim].kill('SIGKILL');
    await exited(running[victim]);
    await until(
      async () => (await leaders(ports[1 - victim])).length === names.length,
      'the survivor to lead every projection',
    );
    await moreHistory(1, 5);
    await until(() => caughtUp(names), 'the survivor to apply the new history');
    for (const projection of ALL_PROJECTIONS) await expectSameAsCleanBuild(projection);
  }, 120_000);
});
