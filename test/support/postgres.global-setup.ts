import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startDatabase, type RunningDatabase } from '../../libs/database/src';
import { freePort } from './free-port';

declare global {
  var __TEST_POSTGRES__: { database: RunningDatabase; dataDir?: string } | undefined;
}

/**
 * One PostgreSQL server per test run: DATABASE_URL when given, else an embedded cluster in a temporary
 * directory. Each test file creates its own database on it (test/support/test-database.ts).
 */
export default async function globalSetup(): Promise<void> {
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

export async function stopTestPostgres(): Promise<void> {
  const running = globalThis.__TEST_POSTGRES__;
  if (!running) return;
  await running.database.stop();
  if (running.dataDir) rmSync(running.dataDir, { recursive: true, force: true });
}
