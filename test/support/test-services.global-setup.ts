import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startDatabase, type RunningDatabase } from '../../libs/database/src';
import { freePorts } from './free-port';
import { startKafkaBroker, type KafkaBroker } from './kafka-broker';

declare global {
  var __TEST_POSTGRES__: { database: RunningDatabase; dataDir?: string } | undefined;
  var __TEST_KAFKA__: KafkaBroker | undefined;
}

/**
 * One PostgreSQL server and one Kafka broker per test run, started side by side. PostgreSQL:
 * DATABASE_URL when given, else an embedded cluster in a temporary directory; each test file creates
 * its own database on it (test/support/test-database.ts). Kafka: KAFKA_BROKERS when given, else a
 * real Apache Kafka broker (infra/kafka/broker.sh); each test file uses topics of its own prefix.
 */
export default async function globalSetup(): Promise<void> {
  // Picked together, so that the two servers starting side by side never get the same port.
  const [postgresPort, ...kafkaPorts] = await freePorts(3);
  await Promise.all([startKafka(kafkaPorts as [number, number]), startPostgres(postgresPort)]);
}

async function startKafka(ports: [number, number]): Promise<void> {
  if (process.env.KAFKA_BROKERS) {
    process.env.TEST_KAFKA_BROKERS = process.env.KAFKA_BROKERS;
    return;
  }
  const kafka = await startKafkaBroker(ports);
  globalThis.__TEST_KAFKA__ = kafka;
  process.env.TEST_KAFKA_BROKERS = kafka.brokers;
}

async function startPostgres(port: number): Promise<void> {
  if (process.env.DATABASE_URL) {
    process.env.TEST_DATABASE_ADMIN_URL = process.env.DATABASE_URL;
    return;
  }
  const dataDir = mkdtempSync(join(tmpdir(), 'support-ops-test-'));
  const database = await startDatabase({
    dataDir,
    embeddedPort: port,
    databaseName: 'postgres',
  });
  globalThis.__TEST_POSTGRES__ = { database, dataDir };
  process.env.TEST_DATABASE_ADMIN_URL = database.url;
}

export async function stopTestServices(): Promise<void> {
  await globalThis.__TEST_KAFKA__?.remove();
  const running = globalThis.__TEST_POSTGRES__;
  if (!running) return;
  await running.database.stop();
  if (running.dataDir) rmSync(running.dataDir, { recursive: true, force: true });
}
