import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Pool } from 'pg';
import { ensureDatabase, startDatabase } from '../../libs/database/src';
import { appendGroup } from './append.bench';
import { auditGroup } from './audit.bench';
import { clockGroup } from './clock.bench';
import { consoleGroup } from './console.bench';
import { eventStoreDbGroup } from './eventstoredb.bench';
import { httpGroup } from './http.bench';
import { ledgerGroup } from './ledger.bench';
import { piiGroup } from './pii.bench';
import { readModelsGroup } from './read-models.bench';
import { relayGroup } from './relay.bench';
import { formatTable, type Figure } from './figures';
import { freePort } from '../support/free-port';

export interface BenchContext {
  pool: Pool;
  url: string;
  scale: number;
  progress(message: string): void;
  /** Figures of the groups that ran before in this run (floors shared between groups). */
  figures: Figure[];
}

export type BenchGroup = (context: BenchContext) => Promise<Figure[]>;

const GROUPS: Record<string, BenchGroup> = {
  append: appendGroup,
  http: httpGroup,
  'read-models': readModelsGroup,
  clock: clockGroup,
  relay: relayGroup,
  eventstoredb: eventStoreDbGroup,
  audit: auditGroup,
  ledger: ledgerGroup,
  pii: piiGroup,
  console: consoleGroup,
};
/** Groups whose floor is another group's figure of the same run: that group runs first. */
const NEEDS: Record<string, string[]> = { http: ['append'], 'read-models': ['append'], clock: ['append'] };

function parseArgs(argv: string[]): { json: boolean; groups: string[]; scale: number } {
  const json = argv.includes('--json');
  const scaleArg = argv.find((a) => a.startsWith('--scale='));
  const scale = scaleArg ? Number(scaleArg.slice('--scale='.length)) : 1;
  if (!(scale > 0)) throw new Error('--scale must be a positive number');
  const groups = argv.filter((a) => !a.startsWith('--'));
  const unknown = groups.filter((g) => !GROUPS[g]);
  if (unknown.length > 0)
    throw new Error(`unknown bench group(s): ${unknown.join(', ')}; known: ${Object.keys(GROUPS).join(', ')}`);
  const selected = groups.length > 0 ? groups : Object.keys(GROUPS);
  const ordered = [...new Set(selected.flatMap((group) => [...(NEEDS[group] ?? []), group]))];
  return { json, groups: ordered, scale };
}

async function main(): Promise<void> {
  const { json, groups, scale } = parseArgs(process.argv.slice(2));
  const progress = (message: string): void => {
    process.stderr.write(`[bench] ${message}\n`);
  };
  const dataDir = process.env.DATABASE_URL ? undefined : mkdtempSync(join(tmpdir(), 'support-ops-bench-'));
  const server = await startDatabase({
    databaseUrl: process.env.DATABASE_URL,
    dataDir: dataDir ?? '',
    embeddedPort: await freePort(),
    databaseName: 'postgres',
  });
  const adminUrl = server.url;
  const name = `support_ops_bench_${process.pid}`;
  await ensureDatabase(adminUrl, name);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const pool = new Pool({ connectionString: url.toString(), max: 24 });
  pool.on('error', () => undefined);
  progress(
    `database ${server.embedded ? 'embedded PostgreSQL' : 'DATABASE_URL'}; groups ${groups.join(', ')}; scale ${scale}`,
  );
  try {
    const all: Figure[] = [];
    for (const group of groups) {
      const figures = await GROUPS[group]({ pool, url: url.toString(), scale, progress, figures: all });
      all.push(...figures);
      if (json) figures.forEach((f) => process.stdout.write(`${JSON.stringify(f)}\n`));
      else process.stdout.write(`${formatTable(figures)}\n`);
    }
  } finally {
    await pool.end();
    const admin = new Pool({ connectionString: adminUrl, max: 1 });
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`).finally(() => admin.end());
    await server.stop();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`[bench] failed: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
