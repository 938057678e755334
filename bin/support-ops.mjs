#!/usr/bin/env node
// `npx support-ops <command>`: runs the built CLI, and builds it first only when it is missing or
// older than its sources, so a call costs about a second. The build's output goes to stderr: stdout
// carries only the command's own data (`npx support-ops export events > events.ndjson`).
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const built = join(root, 'dist/apps/cli/apps/cli/src/main.js');
const sources = ['apps', 'libs', 'package.json', 'tsconfig.json', 'tsconfig.build.json', 'nest-cli.json'];

/** The newest modification time under a path, in milliseconds. */
function newest(path) {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return readdirSync(path).reduce((latest, name) => Math.max(latest, newest(join(path, name))), stat.mtimeMs);
}

const stale = !existsSync(built) || sources.some((source) => newest(join(root, source)) > statSync(built).mtimeMs);
if (stale) {
  process.stderr.write('support-ops: building the CLI (its sources changed since the last build)…\n');
  const nest = join(root, 'node_modules/@nestjs/cli/bin/nest.js');
  const build = spawnSync(process.execPath, [nest, 'build', 'cli'], {
    cwd: root,
    stdio: ['ignore', process.stderr, process.stderr],
  });
  if (build.status !== 0) {
    process.stderr.write('support-ops: the CLI did not build; see the compiler output above\n');
    process.exit(build.status ?? 1);
  }
}
await import(pathToFileURL(built).href);
