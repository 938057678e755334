import type { ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Pool } from 'pg';
import { PostgresEventStore } from '../../libs/event-store/src';
import { API_MAIN, exited, killLeftoverProcesses, runCli, spawnBuilt } from '../support/built-process';
import { freePort, freePorts } from '../support/free-port';

afterEach(killLeftoverProcesses);

const pause = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** The built service (`npm start`) on the embedded default, as a user runs it. */
const spawnService = (env: NodeJS.ProcessEnv) => spawnBuilt(API_MAIN, [], env);

/** Starts the service and waits until it listens. */
async function startService(env: NodeJS.ProcessEnv): Promise<{ child: ChildProcess; output: () => string }> {
  const service = spawnService(env);
  const deadline = Date.now() + 60_000;
  while (!service.output().includes('listening on')) {
    if (service.child.exitCode !== null || Date.now() > deadline)
      throw new Error(`service did not start:\n${service.output()}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return service;
}

/** Runs the service until it exits (it must fail to start); returns its exit code and output. */
async function failedStart(env: NodeJS.ProcessEnv): Promise<{ code: number | null; output: string }> {
  const { child, output } = spawnService(env);
  return { code: await exited(child), output: output() };
}

/** Resolves when the process has ended after its graceful shutdown, rejecting if it crashed instead. */
async function stoppedGracefully(
  service: { child: ChildProcess; output: () => string },
  signal: NodeJS.Signals,
): Promise<void> {
  const { child } = service;
  service.child.kill(signal);
  const [code, by] = await new Promise<[number | null, NodeJS.Signals | null]>((resolve) =>
    child.exitCode !== null || child.signalCode !== null
      ? resolve([child.exitCode, child.signalCode])
      : child.once('exit', (c, s) => resolve([c, s])),
  );
  // It exits once its shutdown hooks ran (0), or through embedded-postgres's exit hook (128 + the
  // signal) when it started the server; never killed by the signal itself, which would lose log lines.
  expect([0, 128 + (signal === 'SIGTERM' ? 15 : 2)]).toContain(code);
  expect(by).toBeNull();
  expect(service.output()).toContain('"msg":"stopped"');
}

describe('npm start on the embedded default', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'support-ops-e2e-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('prints where it listens, stops cleanly on SIGTERM and SIGINT, and restarts on the same data', async () => {
    const [port, pgPort] = await freePorts(2);
    const env = { DATA_DIR: dataDir, PORT: String(port), EMBEDDED_POSTGRES_PORT: String(pgPort) };
    const first = await startService(env);
    expect(first.output()).toContain(`http://localhost:${port}`);
    const ready = await fetch(`http://127.0.0.1:${port}/ready`);
    expect(ready.status).toBe(200);
    // A newcomer gets a development key printed, and it works at once.
    const key = /Development API key[^:]*: (sk_dev_[\w-]+)/.exec(first.output())?.[1];
    expect(key).toBeDefined();
    // The line that tells a newcomer what to try works on a fresh install.
    const tryUrl = /Try: curl -H 'Authorization: Bearer [\w-]+' (\S+)/.exec(first.output())?.[1];
    expect((await fetch(tryUrl!, { headers: { authorization: `Bearer ${key}` } })).status).toBe(200);
    const defined = await fetch(`http://127.0.0.1:${port}/v1/calendars`, {
      method: 'POST',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        id: 'demo',
        name: 'Demo',
        timeZone: 'Europe/Berlin',
        weeklyHours: { mon: [{ start: '09:00', end: '17:00' }] },
      }),
    });
    expect(defined.status).toBe(201);

    const pool = new Pool({ connectionString: `postgres://postgres:postgres@127.0.0.1:${pgPort}/support_ops`, max: 2 });
    const store = new PostgresEventStore(pool);
    const eventId = randomUUID();
    await store.append('ticket-persisted', [{ eventId, type: 'TicketOpened', data: { subject: 'kept' } }], 'no_stream');
    await pool.end();

    await stoppedGracefully(first, 'SIGTERM');
    expect(existsSync(join(dataDir, 'postgres', 'postmaster.pid'))).toBe(false);

    const second = await startService(env);
    expect(second.output()).not.toContain('initialising embedded PostgreSQL');
    expect(second.output()).toContain(key);
    const calendar = await fetch(`http://127.0.0.1:${port}/v1/calendars/demo`, {
      headers: { authorization: `Bearer ${key}` },
    });
    expect(await calendar.json()).toMatchObject({ id: 'demo', timeZone: 'Europe/Berlin', revision: 0 });
    const again = new Pool({
      connectionString: `postgres://postgres:postgres@127.0.0.1:${pgPort}/support_ops`,
      max: 2,
    });
    const [event] = await new PostgresEventStore(again).readStream('ticket-persisted');
    await again.end();
    expect(event).toMatchObject({ eventId, data: { subject: 'kept' } });
    await stoppedGracefully(second, 'SIGINT');
    expect(existsSync(join(dataDir, 'postgres', 'postmaster.pid'))).toBe(false);
  }, 120_000);
});

describe('npm start when the embedded server is not its own to start', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'support-ops-e2e-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('after kill -9 of the service, the next start stops the server it left running and starts with the same data', async () => {
    const [port, pgPort] = await freePorts(2);
    const env = { DATA_DIR: dataDir, PORT: String(port), EMBEDDED_POSTGRES_PORT: String(pgPort) };
    const killed = await startService(env);
    killed.child.kill('SIGKILL');
    await new Promise((resolve) => killed.child.once('exit', resolve));
    expect(existsSync(join(dataDir, 'postgres', 'postmaster.pid'))).toBe(true);
    const next = await startService(env);
    expect(next.output()).toContain(`left running when it ended without stopping it`);
    expect((await fetch(`http://127.0.0.1:${port}/ready`)).status).toBe(200);

    // While it runs, other processes on the same data use its server: a second API, and the CLI.
    const secondPort = await freePort();
    const second = await startService({ ...env, PORT: String(secondPort) });
    expect(second.output()).toContain(
      `using the embedded PostgreSQL on port ${pgPort} that process ${next.child.pid} started on the same DATA_DIR`,
    );
    expect((await fetch(`http://127.0.0.1:${secondPort}/ready`)).status).toBe(200);
    await stoppedGracefully(second, 'SIGTERM');
    // A second `npm start` on the same PORT says which setting to change, in one line.
    const clash = await failedStart(env);
    expect(clash.code).toBe(1);
    expect(clash.output).toContain(
      `Support Ops API failed to start: PORT ${port} is in use by another program (another npm start?): stop it or set PORT to a free port`,
    );
    const status = await runCli(['status'], env);
    expect(status).toMatchObject({ code: 0, stderr: '' });
    expect(JSON.parse(status.stdout)).toMatchObject({ store: 'postgres', schema: { event_store: 2 } });
    // Neither stopped the server of the process that started it.
    expect((await fetch(`http://127.0.0.1:${port}/ready`)).status).toBe(200);
    await stoppedGracefully(next, 'SIGTERM');
  }, 120_000);

  it('a port taken by another program is named, with the setting to change', async () => {
    const taken = createServer().listen(0, '127.0.0.1');
    await new Promise((resolve) => taken.once('listening', resolve));
    const { port: pgPort } = taken.address() as AddressInfo;
    try {
      const started = await failedStart({
        DATA_DIR: mkdtempSync(join(tmpdir(), 'support-ops-e2e-')),
        PORT: String(await freePort()),
        EMBEDDED_POSTGRES_PORT: String(pgPort),
      });
      expect(started.code).not.toBe(0);
      expect(started.output).toContain(
        `Support Ops API failed to start: EMBEDDED_POSTGRES_PORT ${pgPort} is in use by another program: set EMBEDDED_POSTGRES_PORT to a free port`,
      );
      expect(started.output).not.toContain('undefined');
    } finally {
      taken.close();
    }
  }, 60_000);
});

describe('npm start with API_WORKERS', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'support-ops-e2e-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  /** The processes whose parent is `pid` (from /proc). */
  const childrenOf = (pid: number): number[] =>
    readdirSync('/proc')
      .filter((entry) => /^\d+$/.test(entry))
      .filter((entry) => {
        const stat = existsSync(`/proc/${entry}/stat`) ? readFileSync(`/proc/${entry}/stat`, 'utf8') : '';
        return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) === pid;
      })
      .map(Number);

  /** A GET on a connection of its own, so that the port hands it to any worker. */
  const getAlone = (port: number, path: string, key: string): Promise<{ status: number; body: string }> =>
    new Promise((resolve, reject) => {
      const req = request(
        { host: '127.0.0.1', port, path, agent: false, headers: { authorization: `Bearer ${key}` } },
        (res) => {
          let body = '';
          res.on('data', (chunk) => (body += chunk));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
        },
      );
      req.on('error', reject).end();
    });

  const servedRequests = (metrics: string): number =>
    metrics
      .split('\n')
      .filter(
        (line) =>
          line.startsWith('http_request_duration_seconds_count{') && line.includes('route="/v1/admin/projections"'),
      )
      .reduce((sum, line) => sum + Number(line.split(' ').at(-1)), 0);

  it('serves one port from n processes: /metrics counts them all, a dead worker is replaced, SIGTERM stops every one', async () => {
    const [port, pgPort] = await freePorts(2);
    const service = await startService({
      DATA_DIR: dataDir,
      PORT: String(port),
      EMBEDDED_POSTGRES_PORT: String(pgPort),
      API_WORKERS: '2',
    });
    const listening = () => service.output().match(/listening on/g)?.length ?? 0;
    for (const deadline = Date.now() + 60_000; listening() < 2 && Date.now() < deadline;) await pause(100);
    const workers = childrenOf(service.child.pid!);
    expect(workers).toHaveLength(2);
    // The development key is made once, by the first worker, and printed once.
    expect(service.output().match(/Development API key/g)).toHaveLength(1);
    const key = readFileSync(join(dataDir, 'development-api-key'), 'utf8').trim();

    for (let n = 0; n < 20; n++) expect((await getAlone(port, '/v1/admin/projections', key)).status).toBe(200);
    // Whichever worker answers the scrape, it counts the requests of both.
    for (let n = 0; n < 4; n++) expect(servedRequests((await getAlone(port, '/metrics', key)).body)).toBe(20);

    const [, second] = workers;
    process.kill(second, 'SIGKILL');
    for (const deadline = Date.now() + 60_000; listening() < 3 && Date.now() < deadline;) await pause(100);
    expect(service.output()).toContain('an API worker died; starting another');
    expect(childrenOf(service.child.pid!)).toHaveLength(2);
    expect((await getAlone(port, '/v1/admin/projections', key)).status).toBe(200);

    const running = childrenOf(service.child.pid!);
    await stoppedGracefully(service, 'SIGTERM');
    expect(running.filter((pid) => existsSync(`/proc/${pid}`))).toEqual([]);
    expect(existsSync(join(dataDir, 'postgres', 'postmaster.pid'))).toBe(false);
  }, 120_000);
});
