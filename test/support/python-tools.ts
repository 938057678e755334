import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './built-process';

const REQUIREMENTS = join(ROOT, 'test/python/requirements.txt');

function run(command: string, args: string[]): void {
  const result = spawnSync(command, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  if (result.status !== 0)
    throw new Error(
      `${command} ${args.join(' ')} failed (${result.error?.message ?? `exit ${result.status}`}): ${result.stderr.slice(-2000)}`,
    );
}

/** Another run may have put its own in place meanwhile: then that one serves. */
function moveIntoPlace(building: string, venv: string, python: string): void {
  try {
    renameSync(building, venv);
  } catch (error) {
    if (!existsSync(python)) throw error;
  }
}

/**
 * The Python of a virtualenv holding test/python/requirements.txt, installed from PyPI by the test
 * run itself (as the Kafka broker's jars come from Maven Central), once per version of that file:
 * under node_modules/.cache/support-ops-python/<hash>, where tools keep their caches. Built beside and renamed into place, so test files that ask at
 * once never see half an environment.
 */
export function testPython(): string {
  const hash = createHash('sha256').update(readFileSync(REQUIREMENTS)).digest('hex').slice(0, 16);
  const home = join(ROOT, 'node_modules/.cache/support-ops-python');
  const venv = join(home, hash);
  const python = join(venv, 'bin/python');
  if (existsSync(python)) return python;
  mkdirSync(home, { recursive: true });
  const building = mkdtempSync(join(home, `${hash}-`));
  try {
    run('python3', ['-m', 'venv', building]);
    run(join(building, 'bin/python'), [
      '-m',
      'pip',
      'install',
      '--quiet',
      '--disable-pip-version-check',
      '-r',
      REQUIREMENTS,
    ]);
    moveIntoPlace(building, venv, python);
  } catch (error) {
    throw new Error(
      `could not install the test's Python tools (python3 -m venv, pip from PyPI): ${(error as Error).message}`,
    );
  } finally {
    rmSync(building, { recursive: true, force: true });
  }
  return python;
}
