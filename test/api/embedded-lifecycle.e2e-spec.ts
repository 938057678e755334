import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Pool } from 'pg';
import { PostgresEventStore } from '../../libs/event-store/src';
import { freePort, freePorts } from '../support/free-port';

const MAIN = join(__dirname, '../../dist/apps/api/apps/api/src/main.js');
const children = new Set<ChildProcess>();

afterEach(() => {
  // A failed assertion must not leave a service (and its PostgreSQL) running after the suite.
  for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  children.clear();
});

/** The built service (`npm start`) on the embedded default, as a user runs it, with its output gathered. */
function spawnService(env: NodeJS.ProcessEnv): { child: ChildProcess; output: () => string } {
  const { DATABASE_URL: _ignored, ...rest } = process.env;
  const child = spawn(process.execPath, [MAIN], { env: { ...rest, ...env, LOG_LEVEL: 'info' }, stdio: ['ignore', 'pipe', 'pipe'] });
  children.add(child);
  let output = '';
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => (output += chunk));
  return { child, output: () => output };
}

/** Starts the service and waits until it listens. */
async function startService(env: NodeJS.ProcessEnv): Promise<{ child: ChildProcess; output: () => string }> {
  const service = spawnService(env);
  const deadline = Date.now() + 60_000;
  while (!service.output().includes('listening on')) {
    if (service.child.exitCode !== null || Date.now() > deadline) throw new Error(`service did not start:\n${service.output()}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return service;
}

/** Runs the service until it exits (it must fail to start); returns its exit code and output. */
async function failedStart(env: NodeJS.ProcessEnv): Promise<{ code: number | null; output: string }> {
  const { child, output } = spawnService(env);
  const code = await new Promise<number | null>((resolve) => child.once('exit', (exitCode) => resolve(exitCode)));
  return { code, output: output() };
}

/** Resolves when the process has ended after its graceful shutdown, rejecting if it crashed instead. */
async function stoppedGracefully(service: { child: ChildProcess; output: () => string }, signal: NodeJS.Signals): Promise<void> {
  const { child } = service;
  service.child.kill(signal);
  const [code, by] = await new Promise<[number | null, NodeJS.Signals | null]>((resolve) =>
    child.exitCode !== null || child.signalCode !== null
      ? resolve([child.exitCode, child.signalCode])
      : child.once('exit', (c, s) => resolve([c, s])),
  );
  // Nest re-raises the signal after its shutdown hooks ran, so the process ends by that signal.
  expect([0, 128 + (signal === 'SIGTERM' ? 15 : 2), null]).toContain(code);
  if (code === null) expect(by).toBe(signal);
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
    const defined = await fetch(`http://127.0.0.1:${port}/v1/calendars`, {
      method: 'POST',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      body: JSON.stringify({ id: 'demo', name: 'Demo', timeZone: 'Europe/Berlin', weeklyHours: { mon: [{ start: '09:00', end: '17:00' }] } }),
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
    const calendar = await fetch(`http://127.0.0.1:${port}/v1/calendars/demo`, { headers: { authorization: `Bearer ${key}` } });
    expect(await calendar.json()).toMatchObject({ id: 'demo', timeZone: 'Europe/Berlin', revision: 0 });
    const again = new Pool({ connectionString: `postgres://postgres:postgres@127.0.0.1:${pgPort}/support_ops`, max: 2 });
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

    // While it runs, a second start on the same data says so and what to do, and leaves it running.
    const second = await failedStart({ ...env, PORT: String(await freePort()) });
    expect(second.code).not.toBe(0);
    expect(second.output).toContain(`the embedded PostgreSQL of ${dataDir} is already running (port ${pgPort}), started by process ${next.child.pid}`);
    expect(second.output).toContain(`DATABASE_URL=postgres://postgres:postgres@127.0.0.1:${pgPort}/support_ops`);
    expect((await fetch(`http://127.0.0.1:${port}/ready`)).status).toBe(200);
    await stoppedGracefully(next, 'SIGTERM');
  }, 120_000);

  it('a port taken by another program is named, with the setting to change', async () => {
    const taken = createServer().listen(0, '127.0.0.1');
    await new Promise((resolve) => taken.once('listening', resolve));
    const { port: pgPort } = taken.address() as AddressInfo;
    try {
      const started = await failedStart({ DATA_DIR: mkdtempSync(join(tmpdir(), 'support-ops-e2e-')), PORT: String(await freePort()), EMBEDDED_POSTGRES_PORT: String(pgPort) });
      expect(started.code).not.toBe(0);
      expect(started.output).toContain(`EMBEDDED_POSTGRES_PORT ${pgPort} is in use by another program: set EMBEDDED_POSTGRES_PORT to a free port`);
    } finally {
      taken.close();
    }
  }, 60_000);
});
