import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bearer, KEYS, seedAccount, startApi, ticketOnAcme, type ApiHarness } from '../support/api-app';
import { freePorts } from '../support/free-port';
import { startPostgresProcess, type PostgresProcess } from '../support/postgres-process';
import type { Test } from 'supertest';

/**
 * PostgreSQL killed (SIGKILL to all its processes) while commands and queries flow, then started again:
 * while it is down every answer is a 503 with Retry-After that says the database (or the key store
 * it holds) cannot be reached, never a 500; once it is back the API serves again by itself, and
 * every command it acknowledged is in the log. The server is this file's own, not the test run's.
 */
const WORKERS = 8;
const writer = bearer(KEYS.writer);
const reader = bearer(KEYS.reader);

interface Answer {
  phase: Phase;
  kind: string;
  status: number;
  code?: string;
  retryAfter?: string;
  position?: string;
}
/**
 * When the request was sent and answered; `between` if the two differ. `restarting`: the server is
 * starting again, and serves at some moment before the test hears it is up.
 */
type Phase = 'up' | 'down' | 'restarting' | 'back' | 'between';

let dataDir: string;
let port: number;
let server: PostgresProcess;
let killed: PostgresProcess;
let api: ApiHarness;

const startServer = () => startPostgresProcess(dataDir, port);

/** The processes whose parent is `pid` (from /proc: Linux, as the test run's PostgreSQL is). */
function childrenOf(pid: number): number[] {
  return readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry))
    .filter((entry) => {
      try {
        // The parent is the fourth field, after the command name in parentheses (which may hold spaces).
        const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
        return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) === pid;
      } catch {
        return false; // it ended meanwhile
      }
    })
    .map(Number);
}

/**
 * SIGKILL to the whole server at once, postmaster and backends, as when its machine or container
 * dies. (Killed alone, the postmaster leaves its backends to notice within milliseconds, and a query
 * on a pooled connection may still be answered in between: the outage would start at no definite
 * moment.)
 */
function killServer(): void {
  const pid = Number(readFileSync(join(dataDir, 'postgres/postmaster.pid'), 'utf8').split('\n')[0]);
  process.kill(pid, 'SIGSTOP'); // it forks no backend while its children are listed
  for (const backend of childrenOf(pid)) process.kill(backend, 'SIGKILL');
  process.kill(pid, 'SIGKILL');
}

/** Starts it again on the same data (crash recovery), once the killed server's backends are gone. */
async function restartServer(): Promise<PostgresProcess> {
  for (const deadline = Date.now() + 30_000; ; await new Promise((resolve) => setTimeout(resolve, 250))) {
    try {
      return await startServer();
    } catch (error) {
      if (Date.now() > deadline) throw error;
    }
  }
}

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'support-ops-outage-'));
  [port] = await freePorts(1);
  server = await startServer();
  api = await startApi({}, undefined, server.url);
  await seedAccount(api);
  await api.http().post('/v1/tickets').set(writer).send(ticketOnAcme('t1')).expect(201);
}, 120_000);

afterAll(async () => {
  await api?.close();
  await server?.stop();
  await killed?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

/** The mix each worker sends: commands (with and without a new stream) and queries of the log and of read models. */
const REQUESTS: Array<[string, () => Test]> = [
  ['note', () => api.http().post('/v1/tickets/t1/notes').set(writer).send({ authorId: 'a1', body: 'Still looking' })],
  [
    'open',
    () =>
      api
        .http()
        .post('/v1/tickets')
        .set(writer)
        .send({ accountId: 'acme', contactId: 'ada', subject: 'S', channel: 'api', priority: 'low', category: 'c' }),
  ],
  ['ticket', () => api.http().get('/v1/tickets/t1').set(reader)],
  ['queue', () => api.http().get('/v1/queues/unassigned').set(reader)],
  ['health', () => api.http().get('/v1/accounts/acme/health').set(reader)],
];

it('answers 503 with Retry-After while PostgreSQL is down, never 500, and serves again once it is back', async () => {
  const answers: Answer[] = [];
  let phase: Exclude<Phase, 'between'> = 'up';
  let running = true;
  const worker = async (offset: number) => {
    for (let i = offset; running; i += 1) {
      const [kind, send] = REQUESTS[i % REQUESTS.length];
      const sentIn = phase;
      const response = await send();
      answers.push({
        phase: sentIn === phase ? phase : 'between',
        kind,
        status: response.status,
        code: response.body?.code,
        retryAfter: response.headers['retry-after'],
        position: response.body?.position,
      });
    }
  };
  const workers = Array.from({ length: WORKERS }, (_, i) => worker(i));
  await new Promise((resolve) => setTimeout(resolve, 1500));
  killServer();
  killed = server;
  phase = 'down';
  await new Promise((resolve) => setTimeout(resolve, 3000));
  phase = 'restarting';
  server = await restartServer();
  phase = 'back';
  const servedAgain = () =>
    REQUESTS.every(([kind]) =>
      answers.some((answer) => answer.phase === 'back' && answer.kind === kind && answer.status < 300),
    );
  for (const deadline = Date.now() + 60_000; !servedAgain() && Date.now() < deadline;)
    await new Promise((resolve) => setTimeout(resolve, 200));
  running = false;
  await Promise.all(workers);

  const down = answers.filter((answer) => answer.phase === 'down');
  expect(answers.filter((answer) => answer.status >= 500 && answer.status !== 503)).toEqual([]);
  expect(down.length).toBeGreaterThan(WORKERS);
  expect(down.filter((answer) => answer.status !== 503)).toEqual([]);
  expect(
    down.filter(
      (answer) =>
        answer.retryAfter !== '1' || !['database_unavailable', 'key_store_unavailable'].includes(answer.code ?? ''),
    ),
  ).toEqual([]);
  expect(down.some((answer) => answer.code === 'database_unavailable')).toBe(true);
  expect(servedAgain()).toBe(true);
  const logged = new Set((await api.storedLog()).map((event) => event.position.toString()));
  const acknowledged = answers.filter((answer) => answer.status < 300 && answer.position !== undefined);
  expect(acknowledged.filter((answer) => !logged.has(answer.position!))).toEqual([]);
}, 180_000);
