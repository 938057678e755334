#!/usr/bin/env node
// `npm run demo`: the API and a worker on an embedded PostgreSQL of their own (DATA_DIR .demo-data),
// a year of simulated B2B support seeded through the command side on the first run, and what to try
// next. Ctrl-C stops everything; the next run starts again on the same data.
const { spawn, spawnSync } = require('node:child_process');
const { readFileSync } = require('node:fs');
const { join } = require('node:path');

const root = join(__dirname, '..');
const env = {
  ...process.env,
  DATA_DIR: process.env.DATA_DIR ?? join(root, '.demo-data'),
  EMBEDDED_POSTGRES_PORT: process.env.EMBEDDED_POSTGRES_PORT ?? '54330',
  PORT: process.env.PORT ?? '3100',
  WORKER_PORT: process.env.WORKER_PORT ?? '3101',
  LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
};
const built = (app) => join(root, `dist/apps/${app}/apps/${app}/src/main.js`);
const say = (line) => process.stdout.write(`demo: ${line}\n`);
const children = [];

/** Starts a built role and resolves once its line `ready` appears in its logs (which it keeps echoing). */
function start(app, roles, ready) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [built(app)], {
      env: { ...env, LOG_LEVEL: 'info', ROLES: roles },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    children.push(child);
    let output = '';
    const watch = (chunk) => {
      output += chunk;
      if (output.includes(ready)) resolve(child);
    };
    child.stdout.on('data', watch);
    child.stderr.on('data', (chunk) => process.stderr.write(chunk));
    child.once('exit', (code) =>
      reject(new Error(`the ${app} stopped (exit ${code}) before it was ready:\n${output.slice(-2000)}`)),
    );
  });
}

function cli(args, stdio = 'pipe') {
  return spawnSync(process.execPath, [built('cli'), ...args], {
    env,
    encoding: 'utf8',
    stdio: stdio === 'pipe' ? ['ignore', 'pipe', 'inherit'] : 'inherit',
  });
}

function stopAll() {
  say('stopping');
  // The worker first: the API owns the embedded server and stops it last.
  for (const child of [...children].reverse()) child.kill('SIGTERM');
}

async function main() {
  process.once('SIGINT', stopAll).once('SIGTERM', stopAll);
  say(`starting the API on port ${env.PORT} (embedded PostgreSQL in ${env.DATA_DIR})`);
  await start('api', 'api', 'listening on');
  say(`starting a worker (projector, sla-clock, relay) on port ${env.WORKER_PORT}`);
  await start('worker', 'projector,sla-clock,relay', 'Support Ops worker running');
  const status = JSON.parse(cli(['status']).stdout);
  if (status.events === 0) {
    say('seeding a year of B2B support: 60 accounts, their tickets, SLAs and contracts (about 20 s)');
    const seeded = cli(['seed'], 'inherit');
    if (seeded.status !== 0) throw new Error('the seed failed: see above');
  } else say(`the log already holds ${status.events} events: not seeding again`);
  const key = readFileSync(join(env.DATA_DIR, 'development-api-key'), 'utf8').trim();
  const url = `http://localhost:${env.PORT}`;
  const auth = `-H 'Authorization: Bearer ${key}'`;
  process.stdout.write(
    [
      '',
      `Support Ops demo on ${url} (OpenAPI: ${url}/docs, AsyncAPI: ${url}/asyncapi-json).`,
      `Open the console at ${url}/console with the key ${key}`,
      `(screenshots for docs/console.md: node tools/console-screenshots.cjs ${url} ${key}). Or try:`,
      `  curl ${auth} '${url}/v1/queues/tier-1?limit=5'`,
      `  curl ${auth} '${url}/v1/accounts/sim-a0001'`,
      `  curl ${auth} '${url}/v1/accounts/sim-a0001/timeline?limit=5'`,
      `  curl ${auth} '${url}/v1/accounts/sim-a0001/health'`,
      `  curl ${auth} '${url}/v1/metrics/sla?period=2026&groupBy=tier'`,
      `  curl ${auth} '${url}/v1/renewals?withinDays=90'`,
      `  DATA_DIR=${env.DATA_DIR} npx support-ops replay account sim-a0001 | head`,
      `  DATA_DIR=${env.DATA_DIR} npx support-ops projections status`,
      'Ctrl-C stops the demo; `npm run demo` again resumes on the same data (delete .demo-data to start over).',
      '',
    ].join('\n'),
  );
}

main().catch((error) => {
  process.stderr.write(`demo: ${error.message}\n`);
  stopAll();
  process.exitCode = 1;
});
