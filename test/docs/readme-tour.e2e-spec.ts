import { execFile, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { API_MAIN, CLI_LAUNCHER, killLeftoverProcesses, ROOT, spawnBuilt } from '../support/built-process';
import { freePorts } from '../support/free-port';
import { testPython } from '../support/python-tools';

afterAll(killLeftoverProcesses);

/** The shell blocks of the README's "A ten-minute tour", in order, as a reader copies them. */
function tourBlocks(): string[] {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const start = readme.indexOf('## A ten-minute tour');
  const tour = readme.slice(start, readme.indexOf('\n## ', start + 1));
  return [...tour.matchAll(/```bash\n([\s\S]*?)```/g)].map((match) => match[1]);
}

/**
 * What the reader waits for before "Prove": the ledger has signed a checkpoint of everything written
 * so far (the README says within a minute; the service here signs every second).
 */
const AWAIT_CHECKPOINT = `until api $API/v1/ledger/status | jq -e '.lag.events == 0 and .checkpoint.size == .size' >/dev/null; do sleep 0.5; done`;

/**
 * Runs the tour in one bash, as a reader in a second terminal does, failing at the first command that
 * fails. Only where it runs differs: a folder whose `.data` is the service's data directory, a free
 * port instead of 3000, and `npx support-ops` as the launcher it resolves to in the repository.
 */
function runTour(
  script: string,
  cwd: string,
  env: NodeJS.ProcessEnv,
): Promise<{ code: number | null; output: string }> {
  const npx = `npx() { [ "$1" = support-ops ] || return 99; shift; node ${CLI_LAUNCHER} "$@"; }`;
  const child = spawn('bash', ['-c', `set -euo pipefail\n${npx}\n${script}`], {
    cwd,
    env: { ...process.env, ...env, LOG_LEVEL: 'warn' },
  });
  let output = '';
  child.stdout.on('data', (chunk) => (output += chunk));
  child.stderr.on('data', (chunk) => (output += chunk));
  return new Promise((resolve) => child.once('exit', (code) => resolve({ code, output })));
}

describe("the README's ten-minute tour", () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'support-ops-tour-data-'));
  const workDir = mkdtempSync(join(tmpdir(), 'support-ops-tour-'));
  afterAll(() => [dataDir, workDir].forEach((dir) => rmSync(dir, { recursive: true, force: true })));

  it('runs as written against npm start, and ends with a proof an outsider verifies', async () => {
    const [port, pgPort] = await freePorts(2);
    const env = {
      DATA_DIR: dataDir,
      PORT: String(port),
      EMBEDDED_POSTGRES_PORT: String(pgPort),
      CHECKPOINT_INTERVAL_MS: '1000',
    };
    const service = spawnBuilt(API_MAIN, [], env);
    while (!service.output().includes('listening on')) {
      if (service.child.exitCode !== null) throw new Error(`npm start failed:\n${service.output()}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    symlinkSync(dataDir, join(workDir, '.data'));

    const blocks = tourBlocks().map((block) => block.replaceAll('localhost:3000', `localhost:${port}`));
    const prove = blocks.findIndex((block) => block.includes('npx support-ops prove'));
    expect(blocks.length).toBeGreaterThanOrEqual(4);
    const script = [...blocks.slice(0, prove), AWAIT_CHECKPOINT, ...blocks.slice(prove)].join('\n');
    const { code, output } = await runTour(script, workDir, env);
    expect({ code, output }).toMatchObject({ code: 0 });

    expect(output).toContain('"streamId":"ticket-t-1","revision":3');
    expect(output).toMatch(/"items":\[\{"ticketId":"t-1".*"slaState":"on_track"/);
    expect(output).toMatch(/"metric": "first_response",[\s\S]*?"outcome": "achieved"/);
    expect(output).toContain('Ticket t-1 opened (urgent, email): SSO login fails');
    expect(output).toContain('"verified":true');
    const exported = readFileSync(join(workDir, 'acme.ndjson'), 'utf8').trim().split('\n');
    expect(exported.map((line) => JSON.parse(line).type)).toEqual(
      expect.arrayContaining(['TicketOpened', 'ReplyAdded']),
    );

    // The auditor's side, named under the tour: the bundle checks out with nothing of ours.
    const bundle = JSON.parse(readFileSync(join(workDir, 'acme-proof.json'), 'utf8'));
    const verified = await promisify(execFile)(testPython(), [
      join(ROOT, 'tools/verify-log.py'),
      'bundle',
      join(workDir, 'acme-proof.json'),
      '--key',
      bundle.verifierKey,
    ]);
    expect(verified.stdout).toMatch(/^ok: account acme: \d+ events/);
  });
});
