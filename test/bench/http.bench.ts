import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { Agent, request } from 'node:http';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PostgresEventStore } from '../../libs/event-store/src';
import { httpRouteOf, runHistory, simulate } from '../../libs/simulator/src';
import { sha256Hex } from '../../libs/commanding/src';
import { freePort } from '../support/free-port';
import { figure, percentile, type Figure } from './figures';
import type { BenchContext } from './main';

const CLIENTS = 32;
export const KEY = `sk_bench_${randomUUID()}`;
export const MAIN = join(__dirname, '../../../../apps/api/apps/api/src/main.js');
export const WORKER = join(__dirname, '../../../../apps/worker/apps/worker/src/main.js');
const FLOOR = join(__dirname, 'bare-http-floor.js');

interface Answer {
  status: number;
  body: string;
}

export function client(port: number) {
  const agent = new Agent({ keepAlive: true, maxSockets: CLIENTS });
  return (method: string, path: string, body?: unknown): Promise<Answer> =>
    new Promise((resolve, reject) => {
      const payload = body === undefined ? undefined : JSON.stringify(body);
      const req = request(
        {
          host: '127.0.0.1',
          port,
          method,
          path,
          agent,
          headers: {
            authorization: `Bearer ${KEY}`,
            ...(payload ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) } : {}),
          },
        },
        (res) => {
          let text = '';
          res.setEncoding('utf8');
          res.on('data', (chunk) => (text += chunk));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
        },
      );
      req.on('error', reject);
      req.end(payload);
    });
}

/** The master key of the bench database's data keys. */
export const BENCH_MASTER_KEY = Buffer.alloc(32, 9).toString('base64');

export type Stop = (() => Promise<void>) & { pid: number };

/**
 * A built role (or the http floor) as its own process on the bench database; resolves when its
 * /health answers, with the function that stops it and its pid.
 */
export async function startProcess(main: string, env: Record<string, string>, port: number): Promise<Stop> {
  // BENCH_CPU_PROF_DIR: each process writes a V8 CPU profile there when it stops (docs/benchmark.md).
  const profile = process.env.BENCH_CPU_PROF_DIR
    ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF_DIR}`]
    : [];
  // The bench's own Node flags (npm run bench: those `npm start` runs the API with) for every process it starts.
  const child = spawn(process.execPath, [...process.execArgv, ...profile, main], {
    env: {
      ...process.env,
      LOG_LEVEL: 'warn',
      API_KEYS: JSON.stringify([{ id: 'bench', sha256: sha256Hex(KEY), scopes: ['admin'] }]),
      PII_MASTER_KEY: BENCH_MASTER_KEY,
      ...env,
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (chunk) => (stderr += chunk));
  const call = client(port);
  for (const deadline = Date.now() + 60_000; ;) {
    if (child.exitCode !== null || Date.now() > deadline) throw new Error(`${main} did not start:\n${stderr}`);
    if ((await call('GET', '/health').catch(() => ({ status: 0 }))).status === 200) break;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  const stop = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
    });
  return Object.assign(stop, { pid: child.pid! });
}

/** CPU seconds (user + system) a process and its children (API_WORKERS) have used so far, from /proc. */
function cpuSecondsOf(pid: number): number {
  const ticks = (id: number): number => {
    const stat = readFileSync(`/proc/${id}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // After the command: state (0) … utime (11), stime (12); clock ticks of 1/100 s on Linux.
    return Number(fields[11]) + Number(fields[12]);
  };
  const children = readdirSync(`/proc/${pid}/task`).flatMap((task) =>
    readFileSync(`/proc/${pid}/task/${task}/children`, 'utf8').split(' ').filter(Boolean).map(Number),
  );
  return (ticks(pid) + children.reduce((sum, child) => sum + ticks(child), 0)) / 100;
}

/**
 * 32 concurrent clients over HTTP against the API process: each opens a ticket for a simulated
 * account, then sends three replies to it (agent, customer, agent), and again. Floor: the same load
 * on a bare node:http server doing the same work with no framework (bare-http-floor.ts), in the
 * same run; and, for continuity, the direct single-event append rate. CPU per command is the
 * server process's user + system time over the measuring window divided by the commands answered.
 */
export async function httpGroup({ url, pool, scale, progress, figures }: BenchContext): Promise<Figure[]> {
  const appendFloor = figures.find((f) => f.figure === 'append.single.events_per_s');
  if (!appendFloor) throw new Error('the http group needs append.single.events_per_s from the same run');
  const port = await freePort();
  // The api role alone: in production the read models run in a process of their own.
  let stop = await startProcess(MAIN, { DATABASE_URL: url, PORT: String(port), ROLES: 'api' }, port);
  let call = client(port);
  const store = new PostgresEventStore(pool);
  try {
    const setup = simulate({
      seed: 1,
      accounts: 100,
      from: '2026-01-01',
      days: 1,
      prefix: `bench${Date.now() % 100000}`,
    }).filter((command) => !command.stream.startsWith('ticket-'));
    progress(`http: ${setup.length} setup commands (calendars, policies, accounts, contacts) over HTTP`);
    const report = await runHistory(
      setup,
      async (command) => {
        const { method, path } = httpRouteOf(command);
        const answer = await call(method, path, method === 'POST' ? command.body : undefined);
        if (answer.status >= 300) throw new Error(`${method} ${path}: ${answer.status} ${answer.body}`);
      },
      { concurrency: CLIENTS },
    );
    if (report.failures.length > 0) throw report.failures[0].error;
    const accounts = setup
      .filter((command) => command.kind === 'add-contact' && command.body.role !== 'procurement')
      .map((command) => ({ accountId: command.target!, contactId: command.body.id as string }));

    const measure = async (seconds: number, clients = CLIENTS, onAnswer?: (position: bigint) => void) => {
      const latencies: number[] = [];
      const deadline = Date.now() + seconds * 1000;
      const started = performance.now();
      const cpuBefore = cpuSecondsOf(stop.pid);
      let errors = 0;
      await Promise.all(
        Array.from({ length: clients }, async (_, c) => {
          for (let n = 0; Date.now() < deadline; n += 1) {
            const { accountId, contactId } = accounts[(c * 7919 + n) % accounts.length];
            const timed = async (method: string, path: string, body: unknown) => {
              const t0 = performance.now();
              const answer = await call(method, path, body);
              latencies.push(performance.now() - t0);
              if (answer.status >= 300) errors += 1;
              else onAnswer?.(BigInt(JSON.parse(answer.body).position));
              return answer;
            };
            const opened = await timed('POST', '/v1/tickets', {
              accountId,
              contactId,
              subject: 'Export fails',
              channel: 'api',
              priority: 'high',
              category: 'data-export',
            });
            const ticketId = JSON.parse(opened.body).id as string;
            for (const kind of ['agent', 'customer', 'agent']) {
              await timed('POST', `/v1/tickets/${ticketId}/replies`, {
                author: { kind, id: kind === 'agent' ? 'agent-1' : contactId },
                public: true,
                body: 'We are looking into it.',
              });
            }
          }
        }),
      );
      if (errors > 0) throw new Error(`${errors} commands failed during the measurement`);
      return {
        commandsPerSecond: latencies.length / ((performance.now() - started) / 1000),
        cpuUsPerCommand: ((cpuSecondsOf(stop.pid) - cpuBefore) * 1e6) / latencies.length,
        latencies,
      };
    };
    const measureServer = async (name: string, start: (port: number) => Promise<Stop>) => {
      await stop();
      const serverPort = await freePort();
      stop = await start(serverPort);
      call = client(serverPort);
      progress(`${name}: warm-up`);
      await measure(3);
      progress(`${name}: ${CLIENTS} clients for ${Math.round(15 * scale)} s`);
      return measure(15 * scale);
    };
    progress('http: warm-up');
    await measure(3);
    progress(`http: ${CLIENTS} clients for ${Math.round(15 * scale)} s`);
    const result = await measure(15 * scale);
    const floor = await measureServer('http floor (bare node:http)', (floorPort) =>
      startProcess(FLOOR, { DATABASE_URL: url, PORT: String(floorPort) }, floorPort),
    );
    await stop();
    stop = await startProcess(MAIN, { DATABASE_URL: url, PORT: String(port), ROLES: 'api' }, port);
    call = client(port);

    // Freshness: the projector as its own process; under a steady load of 8 clients, from each
    // command's answer until the queue read model has applied its position (polled every 2 ms).
    const workerPort = await freePort();
    const stopWorker = await startProcess(
      WORKER,
      { DATABASE_URL: url, WORKER_PORT: String(workerPort), ROLES: 'projector' },
      workerPort,
    );
    try {
      const queuePosition = async () =>
        BigInt(
          (await pool.query<{ position: string }>(`SELECT position FROM projections.status WHERE name = 'queue'`))
            .rows[0]?.position ?? '0',
        );
      progress('freshness: the projector catches up with the log');
      for (const head = await store.headPosition(); (await queuePosition()) < head;)
        await new Promise((resolve) => setTimeout(resolve, 100));
      const pending: Array<{ position: bigint; at: number }> = [];
      const freshness: number[] = [];
      let sampling = true;
      const poller = (async () => {
        while (sampling || pending.length > 0) {
          const applied = await queuePosition();
          const now = performance.now();
          for (let i = pending.length - 1; i >= 0; i -= 1)
            if (pending[i].position <= applied) freshness.push(now - pending.splice(i, 1)[0].at);
          await new Promise((resolve) => setTimeout(resolve, 2));
        }
      })();
      progress(`freshness: 8 clients for ${Math.round(10 * scale)} s`);
      await measure(10 * scale, 8, (position) => pending.push({ position, at: performance.now() }));
      sampling = false;
      await poller;
      await stopWorker();

      // The same load on API_WORKERS=2: two processes behind the one port.
      const twoWorkers = await measureServer('http, API_WORKERS=2', (workersPort) =>
        startProcess(
          MAIN,
          { DATABASE_URL: url, PORT: String(workersPort), ROLES: 'api', API_WORKERS: '2' },
          workersPort,
        ),
      );
      return [
        figure('http.commands_per_s', result.commandsPerSecond, 'commands/s', floor.commandsPerSecond),
        figure('http.cpu_us_per_command', result.cpuUsPerCommand, 'µs', floor.cpuUsPerCommand),
        figure('http.p99_ms', percentile(result.latencies, 99), 'ms', percentile(floor.latencies, 99)),
        figure('http.vs_append.commands_per_s', result.commandsPerSecond, 'commands/s', appendFloor.value),
        figure('http.floor.commands_per_s', floor.commandsPerSecond, 'commands/s', appendFloor.value),
        figure('http.floor.cpu_us_per_command', floor.cpuUsPerCommand, 'µs'),
        figure('http.2_workers.commands_per_s', twoWorkers.commandsPerSecond, 'commands/s', appendFloor.value),
        figure('http.2_workers.p99_ms', percentile(twoWorkers.latencies, 99), 'ms'),
        figure('freshness.read_model.p99_ms', percentile(freshness, 99), 'ms'),
      ];
    } finally {
      await stopWorker();
    }
  } finally {
    await stop();
  }
}
