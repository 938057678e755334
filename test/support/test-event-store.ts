import type { Pool } from 'pg';
import {
  EventStoreDbEventStore,
  PostgresEventStore,
  type EventStore,
  type RecordedEvent,
} from '../../libs/event-store/src';
import { PersonalDataCipher, PostgresKeyStore, ProtectedEventStore } from '../../libs/privacy/src';
import { EventStoreDbStandIn } from '../eventstoredb/eventstoredb-stand-in';

/** The master key of the data keys in test databases (a deployment on DATABASE_URL must name one). */
export const TEST_MASTER_KEY = Buffer.alloc(32, 7).toString('base64');

/** The key the ledger role of test processes signs with (a deployment on DATABASE_URL must name one). */
export const TEST_SIGNING_KEY =
  'PRIVATE+KEY+test.support-ops.local/log+c5c2cb03+ASGAyyn1rPo7y0Xdmgw+SjY9qEnGd93ijpCjvJQ7MQO1';

/**
 * A store as the roles open it: personal data sealed with the test database's keys. No key cache:
 * a test sees another process's erasure at once.
 */
function protect(store: EventStore, pool: Pool): EventStore {
  return new ProtectedEventStore(store, testCipher(pool));
}

/** Opens personal data with the keys of the test database, with no cache. */
export function testCipher(pool: Pool): PersonalDataCipher {
  return new PersonalDataCipher(new PostgresKeyStore(pool, Buffer.from(TEST_MASTER_KEY, 'base64')), 0);
}

/** The end-to-end suite runs once per event store: TEST_EVENT_STORE=eventstoredb selects EventStoreDB. */
export const TEST_EVENT_STORE: 'postgres' | 'eventstoredb' =
  process.env.TEST_EVENT_STORE === 'eventstoredb' ? 'eventstoredb' : 'postgres';

export interface TestEventStore {
  /** EVENT_STORE and its connection settings, for the apps and workers of the test file. */
  env: Record<string, string>;
  /** A store of the test's own on the same log, personal data sealed and opened as the roles do. */
  open(pool: Pool, databaseUrl: string): EventStore;
  /** Every event committed so far as stored, in log order (on PostgreSQL also those a reader's horizon still holds back). */
  readLog(pool: Pool): Promise<RecordedEvent[]>;
  /** The EventStoreDB stand-in of the file, when the log is on EventStoreDB. */
  standIn?: EventStoreDbStandIn;
  stop(): Promise<void>;
}

interface EventRow {
  event_id: string;
  stream_id: string;
  revision: string;
  position: string;
  type: string;
  data: RecordedEvent['data'];
  metadata: RecordedEvent['metadata'];
  recorded_at: Date;
}

/**
 * The log of one test file. On EventStoreDB each file gets a stand-in server of its own (the gRPC
 * stand-in under test/eventstoredb), as each gets a database of its own on PostgreSQL.
 */
export async function startTestEventStore(): Promise<TestEventStore> {
  if (TEST_EVENT_STORE === 'postgres') {
    return {
      env: { EVENT_STORE: 'postgres' },
      open: (pool, url) => protect(new PostgresEventStore(pool, { listenConnectionString: url }), pool),
      readLog: async (pool) => {
        const { rows } = await pool.query<EventRow>(
          'SELECT event_id, stream_id, revision, position, type, data, metadata, recorded_at FROM event_store.events ORDER BY position',
        );
        return rows.map((row) => ({
          eventId: row.event_id,
          streamId: row.stream_id,
          revision: BigInt(row.revision),
          position: BigInt(row.position),
          type: row.type,
          data: row.data,
          metadata: row.metadata,
          recordedAt: row.recorded_at,
        }));
      },
      stop: async () => undefined,
    };
  }
  const standIn = await new EventStoreDbStandIn().start();
  const reader = new EventStoreDbEventStore(standIn.connectionString);
  return {
    env: { EVENT_STORE: 'eventstoredb', EVENTSTORE_CONNECTION_STRING: standIn.connectionString },
    open: (pool) => protect(new EventStoreDbEventStore(standIn.connectionString), pool),
    readLog: () => readWholeLog(reader),
    standIn,
    stop: async () => {
      await reader.close();
      await standIn.stop();
    },
  };
}

/** Every event of the log, in log order, through the port. */
export async function readWholeLog(store: EventStore): Promise<RecordedEvent[]> {
  const events: RecordedEvent[] = [];
  for (;;) {
    const batch = await store.readAll({ after: events.at(-1)?.position, limit: 1000 });
    if (batch.length === 0) return events;
    events.push(...batch);
  }
}
