import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startDatabase, type RunningDatabase } from '../../libs/database/src';
import { freePort } from './free-port';
import { startKafkaMock } from './kafka-broker';

declare global {
  var __TEST_POSTGRES__: { database: RunningDatabase; dataDir?: string } | undefined;
  var __TEST_KAFKA__: ChildProcess | undefined;
}

/**
 * One PostgreSQL server and one Kafka-protocol broker per test run. PostgreSQL: DATABASE_URL when
 * given, else an embedded cluster in a temporary directory; each test file creates its own database
 * on it (test/support/test-database.ts). Kafka: KAFKA_BROKERS when given, else librdkafka's mock
 * cluster (infra/kafka-mock); each test file uses topics of its own prefix.
 */
export default async function globalSetup(): Promise<void> {
  if (process.env.KAFKA_BROKERS) process.env.TEST_KAFKA_BROKERS = process.env.KAFKA_BROKERS;
  else {
    const kafka = await startKafkaMock();
    globalThis.__TEST_KAFKA__ = kafka.child;
    process.env.TEST_KAFKA_BROKERS = kafka.brokers;
  }
  if (process.env.DATABASE_URL) {
    process.env.TEST_DATABASE_ADMIN_URL = process.env.DATABASE_URL;
    return;
  }
  const dataDir = mkdtempSync(join(tmpdir(), 'support-ops-test-'));
  const database = await startDatabase({
    dataDir,
    embeddedPort: await freePort(),
    databaseName: 'postgres',
  });
  globalThis.__TEST_POSTGRES__ = { database, dataDir };
  process.env.TEST_DATABASE_ADMIN_URL = database.url;
}

export async function stopTestServices(): Promise<void> {
  const kafka = globalThis.__TEST_KAFKA__;
  kafka?.stdin?.end(); // end of input stops the broker
  kafka?.stdout?.destroy();
  kafka?.kill('SIGTERM');
  const running = globalThis.__TEST_POSTGRES__;
  if (!running) return;
  await running.database.stop();
  if (running.dataDir) rmSync(running.dataDir, { recursive: true, force: true });
}
