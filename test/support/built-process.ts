import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';

export const ROOT = join(__dirname, '../..');
export const API_MAIN = join(ROOT, 'dist/apps/api/apps/api/src/main.js');
/** What `npx support-ops` runs: the launcher that builds the CLI only when its sources changed. */
export const CLI_LAUNCHER = join(ROOT, 'bin/support-ops.mjs');

export interface BuiltProcess {
  child: ChildProcess;
  stdout: () => string;
  stderr: () => string;
  output: () => string;
}

const children = new Set<ChildProcess>();

/** A failed assertion must not leave a process (and its PostgreSQL) running after the suite. */
export function killLeftoverProcesses(): void {
  for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  children.clear();
}

/**
 * A built entry point run as a user runs it, on the embedded default (the test run's DATABASE_URL
 * is not passed on), with its output gathered.
 */
export function spawnBuilt(main: string, args: string[], env: NodeJS.ProcessEnv): BuiltProcess {
  const { DATABASE_URL: _ignored, ...rest } = process.env;
  const child = spawn(process.execPath, [main, ...args], {
    cwd: ROOT,
    env: { ...rest, LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.add(child);
  let [stdout, stderr, output] = ['', '', ''];
  child.stdout!.on('data', (chunk) => ((stdout += chunk), (output += chunk)));
  child.stderr!.on('data', (chunk) => ((stderr += chunk), (output += chunk)));
  return { child, stdout: () => stdout, stderr: () => stderr, output: () => output };
}

/** Resolves with the exit code once the process has ended. */
export function exited(child: ChildProcess): Promise<number | null> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(child.exitCode);
  return new Promise((resolve) => child.once('exit', (code) => resolve(code)));
}

/** Runs a CLI command to its end. */
export async function runCli(
  args: string[],
  env: NodeJS.ProcessEnv,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const cli = spawnBuilt(CLI_LAUNCHER, args, { LOG_LEVEL: 'warn', ...env });
  const code = await exited(cli.child);
  return { code, stdout: cli.stdout(), stderr: cli.stderr() };
}
