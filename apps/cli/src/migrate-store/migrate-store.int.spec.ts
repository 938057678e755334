import { randomUUID } from 'node:crypto';
import { Test } from '@nestjs/testing';
import { EventStoreDbEventStore, PostgresEventStore, type EventStore, type RecordedEvent } from '@app/event-store';
import { resetCheckpoint, RELAY_NAME, migrateMessaging } from '@app/messaging';
import { EventStoreDbStandIn } from '../../../../test/eventstoredb/eventstoredb-stand-in';
import { createTestDatabase, type TestDatabase } from '../../../../test/support/test-database';
import { readWholeLog } from '../../../../test/support/test-event-store';
import { CliModule } from '../cli.module';
import { SeedCommand } from '../seed/seed.command';
import { MigrateStoreCommand } from './migrate-store.command';
import { StoreMigration } from './store-migration';

/** What a copy must keep: everything but the store's own position and recording time. */
const kept = ({ eventId, streamId, revision, type, data, metadata }: RecordedEvent) => ({
  eventId,
  streamId,
  revision,
  type,
  data,
  metadata,
});

/** A target whose process dies right after its n-th append was written, before the copy saved its progress. */
function dyingAfter(n: number, store: EventStore): EventStore {
  let appends = 0;
  return Object.assign(Object.create(store) as EventStore, {
    append: async (...args: Parameters<EventStore['append']>) => {
      const result = await store.append(...args);
      if ((appends += 1) === n) throw new Error('killed after an append');
      return result;
    },
  });
}

describe('migrate-store between PostgreSQL and EventStoreDB', () => {
  let db: TestDatabase;
  let other: TestDatabase;
  let standIn: EventStoreDbStandIn;
  let app: Awaited<ReturnType<ReturnType<typeof Test.createTestingModule>['compile']>>;
  let postgres: PostgresEventStore;
  let esdb: EventStoreDbEventStore;
  let output = '';

  beforeAll(async () => {
    [db, other, standIn] = await Promise.all([
      createTestDatabase(8),
      createTestDatabase(4),
      new EventStoreDbStandIn().start(),
    ]);
    Object.assign(process.env, {
      ...db.env,
      EVENT_STORE: 'postgres',
      EVENTSTORE_CONNECTION_STRING: standIn.connectionString,
      LOG_LEVEL: 'silent',
    });
    app = await Test.createTestingModule({ imports: [CliModule] }).compile();
    await app.init();
    jest.spyOn(process.stdout, 'write').mockImplementation((chunk) => ((output += String(chunk)), true));
    jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
    await app
      .get(SeedCommand)
      .run([], { seed: 5, accounts: 8, from: '2026-03-01', days: 60, prefix: 'mig', concurrency: 8 });
    postgres = new PostgresEventStore(db.pool);
    esdb = new EventStoreDbEventStore(standIn.connectionString);
  });

  afterAll(async () => {
    jest.restoreAllMocks();
    await esdb.close();
    await app.close();
    await Promise.all([db.drop(), other.drop(), standIn.stop()]);
  });

  it('copies the log with ids, order, data, metadata and revisions; resumes after dying between an append and its checkpoint; verifies', async () => {
    const source = await readWholeLog(postgres);
    expect(source.length).toBeGreaterThan(300);
    await StoreMigration.migrate(db.pool);
    await expect(
      new StoreMigration(postgres, dyingAfter(150, esdb), db.pool, 'postgres->eventstoredb').copy(),
    ).rejects.toThrow('killed after an append');
    const interrupted = await readWholeLog(esdb);
    expect(interrupted.length).toBeGreaterThan(0);
    expect(interrupted.length).toBeLessThan(source.length);

    output = '';
    await app.get(MigrateStoreCommand).run([], { from: 'postgres', to: 'eventstoredb' });
    const report = JSON.parse(output);
    expect(report).toMatchObject({
      from: 'postgres',
      to: 'eventstoredb',
      copied: source.length,
      verified: source.length,
      identical: true,
    });
    const copied = await readWholeLog(esdb);
    expect(copied.map(kept)).toEqual(source.map(kept));
  });

  it('tells where the relay checkpoint lands in the new log', async () => {
    const source = await readWholeLog(postgres);
    const copied = await readWholeLog(esdb);
    await migrateMessaging(db.pool);
    await resetCheckpoint(db.pool, RELAY_NAME, source[200].position, { forward: true });
    output = '';
    await app.get(MigrateStoreCommand).run([], { from: 'postgres', to: 'eventstoredb', verifyOnly: true });
    expect(JSON.parse(output).relay).toEqual({
      sourcePosition: source[200].position.toString(),
      targetPosition: copied[200].position.toString(),
    });
  });

  it('copies back into an empty PostgreSQL log and finds the first difference when the logs part', async () => {
    await PostgresEventStore.migrate(other.pool);
    await StoreMigration.migrate(other.pool);
    const back = new PostgresEventStore(other.pool);
    const migration = new StoreMigration(esdb, back, other.pool, 'eventstoredb->postgres');
    const { copied } = await migration.copy();
    const source = await readWholeLog(postgres);
    expect(copied).toBe(source.length);
    expect((await readWholeLog(back)).map(kept)).toEqual(source.map(kept));
    expect(await migration.verify()).toEqual({ compared: source.length });

    const extra = { eventId: randomUUID(), type: 'NoteAdded', data: { body: 'only here' }, metadata: {} };
    await back.append('ticket-extra', [extra], 'no_stream');
    expect(await migration.verify()).toEqual({
      compared: source.length,
      difference: {
        index: source.length,
        source: undefined,
        target: expect.objectContaining({ eventId: extra.eventId }),
      },
    });
    // Copying again onto the copy changes nothing: every append is recognised as already there.
    expect(await new StoreMigration(postgres, back, other.pool, 'again').copy()).toEqual({
      copied: source.length,
      position: source.at(-1)!.position,
    });
    expect(await back.headPosition()).toBe((await readWholeLog(back)).at(-1)!.position);
    expect(await readWholeLog(back)).toHaveLength(source.length + 1);
  });

  it('refuses to copy onto a log that holds another history of the same stream', async () => {
    const elsewhere = await new EventStoreDbStandIn().start();
    const target = new EventStoreDbEventStore(elsewhere.connectionString);
    try {
      const [first] = await readWholeLog(postgres);
      await target.append(
        first.streamId,
        [{ eventId: randomUUID(), type: 'CalendarDefined', data: { other: true } }],
        'no_stream',
      );
      await expect(new StoreMigration(postgres, target, other.pool, 'refused').copy()).rejects.toThrow(
        `Stream ${first.streamId}: expected revision no_stream, actual 0`,
      );
      expect(await readWholeLog(target)).toHaveLength(1);
    } finally {
      await target.close();
      await elsewhere.stop();
    }
  });
});
