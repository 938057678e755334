import { randomUUID } from 'node:crypto';
import { Client, Pool } from 'pg';
import { PostgresKeyStore } from '../../libs/privacy/src';
import { startTestEventStore, TEST_MASTER_KEY, TEST_SIGNING_KEY, type TestEventStore } from './test-event-store';

export interface TestDatabase {
  url: string;
  pool: Pool;
  /** The event log beside the database (TEST_EVENT_STORE): PostgreSQL itself or an EventStoreDB of the test's own. */
  eventStore: TestEventStore;
  /** DATABASE_URL and the event store's settings, for the processes the test starts. */
  env: Record<string, string>;
  drop(): Promise<void>;
}

/** The administrator's URL of the test run's server (its global setup starts it). */
function testServer(): string {
  const url = process.env.TEST_DATABASE_ADMIN_URL;
  if (!url) throw new Error('TEST_DATABASE_ADMIN_URL is not set: run this suite through jest with its global setup');
  return url;
}

/** Runs `run` on a connection to a server (the test run's by default) as its administrator (databases, connections). */
export async function admin<T>(run: (client: Client) => Promise<T>, url = testServer()): Promise<T> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}

/**
 * A fresh database on the test server, so test files never see each other's data; on the server of
 * `adminUrl` instead for a test that stops its server.
 */
export async function createTestDatabase(poolSize = 24, adminUrl = testServer()): Promise<TestDatabase> {
  const name = `test_${randomUUID().replace(/-/g, '')}`;
  await admin((client) => client.query(`CREATE DATABASE ${name}`), adminUrl);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const pool = new Pool({ connectionString: url.toString(), max: poolSize });
  // Tests that kill backends make idle connections fail; the pool drops them, as in production.
  pool.on('error', () => undefined);
  await PostgresKeyStore.migrate(pool);
  const eventStore = await startTestEventStore();
  return {
    url: url.toString(),
    pool,
    eventStore,
    env: {
      DATABASE_URL: url.toString(),
      PII_MASTER_KEY: TEST_MASTER_KEY,
      CHECKPOINT_SIGNING_KEY: TEST_SIGNING_KEY,
      ...eventStore.env,
    },
    drop: async () => {
      await eventStore.stop();
      await pool.end();
      await admin((client) => client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`), adminUrl);
    },
  };
}
