import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CLI_LAUNCHER, exited, killLeftoverProcesses, runCli, spawnBuilt } from '../support/built-process';
import { parseApiKeys } from '../../apps/api/src/shared/auth/api-credentials';
import { freePort } from '../support/free-port';

afterEach(killLeftoverProcesses);

/** `npx support-ops …` on a data directory of its own, with no API running: the CLI starts and stops its own server. */
describe('the support-ops CLI on the embedded default', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'support-ops-cli-'));
  let env: NodeJS.ProcessEnv;
  beforeAll(async () => {
    env = { DATA_DIR: dataDir, EMBEDDED_POSTGRES_PORT: String(await freePort()), EVENT_STORE: 'postgres' };
  });
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));
  const serverLeftRunning = () => existsSync(join(dataDir, 'postgres', 'postmaster.pid'));

  it('seeds, then exports clean NDJSON on stdout, and stops the server it started', async () => {
    const seeded = await runCli(['seed', '--accounts', '3', '--days', '20', '--prefix', 'cli'], env);
    expect(seeded.code).toBe(0);
    expect(JSON.parse(seeded.stdout)).toMatchObject({ accounts: 3 });
    const exported = await runCli(['export', 'events', '--types', 'AccountOnboarded'], env);
    expect(exported.code).toBe(0);
    const lines = exported.stdout
      .trimEnd()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(lines).toHaveLength(3);
    expect(lines.every((line) => line.type === 'AccountOnboarded')).toBe(true);
    expect(exported.stderr).toContain('exported 3 events');
    expect(serverLeftRunning()).toBe(false);
  }, 120_000);

  it("answers one account's history from its streams exactly as the whole log has it", async () => {
    const ndjson = (stdout: string) =>
      stdout
        .trimEnd()
        .split('\n')
        .map((line) => JSON.parse(line));
    const everything = ndjson((await runCli(['export', 'events'], env)).stdout);
    const accountId = everything.find((event) => event.type === 'AccountOnboarded').data.accountId;
    const own = everything.filter((event) => event.metadata.accountId === accountId);
    const exported = await runCli(['export', 'events', '--account', accountId], env);
    expect(exported.code).toBe(0);
    expect(ndjson(exported.stdout)).toEqual(own);
    expect(exported.stderr).toContain(`exported ${own.length} events of account ${accountId}`);
    const replayed = await runCli(['replay', 'account', accountId, '--json'], env);
    const scanned = await runCli(['replay', 'account', accountId, '--json', '--scan'], env);
    expect(ndjson(replayed.stdout)).toEqual(own);
    expect(scanned.stdout).toBe(replayed.stdout);
  }, 120_000);

  it('stops quietly with success when its reader closes the pipe (`export events | head -1`)', async () => {
    const cli = spawnBuilt(CLI_LAUNCHER, ['export', 'events'], { LOG_LEVEL: 'warn', ...env });
    await new Promise<void>((resolve) => cli.child.stdout!.once('data', () => resolve()));
    cli.child.stdout!.destroy();
    expect(await exited(cli.child)).toBe(0);
    expect(cli.stderr()).not.toMatch(/EPIPE|Error/);
    expect(serverLeftRunning()).toBe(false);
  }, 60_000);

  it('refuses an unknown event type by name, with exit code 1 and nothing on stdout', async () => {
    const bogus = await runCli(['export', 'events', '--types', 'TicketOpened,Bogus'], env);
    expect(bogus.code).toBe(1);
    expect(bogus.stdout).toBe('');
    expect(bogus.stderr).toContain('support-ops: --types: unknown event type Bogus; known types: AccountChurned');
  }, 60_000);

  it("answers --help with success, an unknown command or option with commander's message and exit code 1", async () => {
    const help = await runCli(['export', 'events', '--help'], env);
    expect(help).toMatchObject({ code: 0 });
    expect(help.stdout).toContain('--types <list>');
    // A subcommand's help or usage error ends the run like any other: the server it started stops.
    expect(serverLeftRunning()).toBe(false);
    const badOption = await runCli(['seed', '--bogus'], env);
    expect(badOption.code).toBe(1);
    expect(badOption.stderr).toContain("unknown option '--bogus'");
    expect(serverLeftRunning()).toBe(false);
    const unknown = await runCli(['bogus'], env);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain("unknown command 'bogus'");
    expect(serverLeftRunning()).toBe(false);
  }, 60_000);

  it('creates an API key without any database: the key once, and the API_KEYS entry that accepts it', async () => {
    const created = await runCli(['keys', 'create', '--id', 'crm', '--scopes', 'tickets:write,read'], {
      ...env,
      DATA_DIR: join(dataDir, 'unused'),
    });
    expect(created.code).toBe(0);
    const { key, apiKeysEntry } = JSON.parse(created.stdout);
    expect(apiKeysEntry).toEqual({
      id: 'crm',
      sha256: createHash('sha256').update(key).digest('hex'),
      scopes: ['tickets:write', 'read'],
    });
    const line = /API_KEYS='(.+)'/.exec(created.stderr)?.[1];
    expect(parseApiKeys(line!)).toEqual([
      { id: 'crm', sha256: Buffer.from(apiKeysEntry.sha256, 'hex'), scopes: ['tickets:write', 'read'] },
    ]);
    expect(existsSync(join(dataDir, 'unused'))).toBe(false);
    const refused = await runCli(['keys', 'create', '--id', 'crm', '--scopes', 'tickets:write,everything'], env);
    expect(refused).toMatchObject({ code: 1, stdout: '' });
    expect(refused.stderr).toContain(
      '--scopes: unknown scope everything; scopes: tickets:write, accounts:write, sla:write, read, admin',
    );
  }, 60_000);
});
