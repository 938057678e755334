import { randomUUID } from 'node:crypto';
import type { Pool } from 'pg';
import pino from 'pino';
import { PostgresEventStore, type EventStore } from '../../libs/event-store/src';
import {
  generateSigningKey,
  latestCheckpoint,
  LedgerBuilder,
  LedgerProofs,
  migrateLedger,
  parseSigningKey,
  readLedgerState,
} from '../../libs/ledger/src';
import { ROUNDS, runWriters, STREAMS } from './append.bench';
import { withOwnDatabase } from './bench-database';
import { figure, percentile, type Figure } from './figures';
import type { BenchContext } from './main';

const SIGNER = parseSigningKey(generateSigningKey('bench.example/support-ops'));
const PROOFS_MEASURED = 500;

/** A ledger over `store`, signing every `intervalMs` (and not by count), until `stop` is called. */
function runLedger(pool: Pool, store: EventStore, intervalMs: number): { stop: () => Promise<void> } {
  let stop!: () => void;
  const until = new Promise<void>((resolve) => (stop = resolve));
  const builder = new LedgerBuilder(
    pool,
    store,
    SIGNER,
    { everyEvents: Number.MAX_SAFE_INTEGER, intervalMs, batchSize: 5000 },
    pino({ level: 'silent' }),
    { grew: () => undefined, signed: () => undefined },
  );
  const running = builder.run(until);
  return { stop: async () => (stop(), await running) };
}

/**
 * `ledger.append_ratio`: 32,000 single appends by 16 writers with the ledger role following the log
 * in the same process (its tree, account sequences and a checkpoint a second, in the same
 * database), over the same appends without it; alternating rounds, medians.
 */
export async function ledgerGroup({
  pool: benchPool,
  url: benchUrl,
  scale,
  progress,
}: BenchContext): Promise<Figure[]> {
  return withOwnDatabase(benchPool, benchUrl, 'ledger', 24, async (pool) => {
    await PostgresEventStore.migrate(pool);
    await migrateLedger(pool);
    const store = new PostgresEventStore(pool);
    const rates = { with: [] as number[], without: [] as number[] };
    const streams = Array.from({ length: STREAMS }, () => ({ id: `ticket-${randomUUID()}`, next: 0 }));
    for (let round = 0; round <= ROUNDS; round += 1) {
      for (const mode of round % 2 === 0 ? (['without', 'with'] as const) : (['with', 'without'] as const)) {
        progress(`ledger.append: ${round === 0 ? 'warm-up' : `round ${round}/${ROUNDS}`}, ledger ${mode}`);
        const ledger = mode === 'with' ? runLedger(pool, store, 1000) : undefined;
        const measured = await runWriters(streams, Math.round(32_000 * scale), 1, async (rows) => {
          const expected = rows[0].revision === 0 ? 'no_stream' : BigInt(rows[0].revision - 1);
          await store.append(rows[0].streamId, [rows[0].event], expected);
        });
        await ledger?.stop();
        if (round > 0) rates[mode].push(measured.eventsPerSecond);
      }
    }
    await store.close();
    const [withLedger, without] = [percentile(rates.with, 50), percentile(rates.without, 50)];
    return [
      figure('ledger.append.events_per_s', withLedger, 'events/s', without),
      figure('ledger.append_ratio', withLedger / without, 'ratio'),
    ];
  });
}

/**
 * On the audit group's large log: `ledger.build_events_per_s`, the tree caught up from the first
 * event (floor: reading the same log, `readRate`); `ledger.inclusion_proof_p99_ms`, proofs of random
 * events by position through the proofs' own reads; `ledger.prove_account_ms`, an account's bundle.
 */
export async function ledgerOverLog(
  pool: Pool,
  store: EventStore,
  accounts: string[],
  readRate: number,
  progress: (message: string) => void,
): Promise<Figure[]> {
  await migrateLedger(pool);
  await pool.query('TRUNCATE ledger.tiles, ledger.state, ledger.accounts, ledger.event_ids, ledger.checkpoints');
  const events = BigInt((await pool.query('SELECT count(*) FROM event_store.events')).rows[0].count);
  progress(`ledger: building the tree over ${events} events`);
  const started = performance.now();
  const ledger = runLedger(pool, store, 500);
  while ((await readLedgerState(pool)).size < events) await new Promise((resolve) => setTimeout(resolve, 50));
  const seconds = (performance.now() - started) / 1000;
  while ((await latestCheckpoint(pool))?.size !== events) await new Promise((resolve) => setTimeout(resolve, 50));
  await ledger.stop();
  const proofs = new LedgerProofs(pool, store);
  const { rows } = await pool.query<{ position: string }>(
    `SELECT position FROM event_store.events TABLESAMPLE SYSTEM (1) LIMIT ${PROOFS_MEASURED}`,
  );
  const latencies: number[] = [];
  for (const { position } of rows) {
    const t0 = performance.now();
    const index = await proofs.leafIndex({ position: BigInt(position) });
    await proofs.inclusion(index!, events);
    latencies.push(performance.now() - t0);
  }
  const bundles: number[] = [];
  for (const account of accounts) {
    const t0 = performance.now();
    const bundle = await proofs.accountBundle(account);
    bundles.push(performance.now() - t0);
    progress(`ledger: ${account}'s bundle of ${bundle.events.length} events in ${bundles.at(-1)!.toFixed(0)} ms`);
  }
  return [
    figure('ledger.build_events_per_s', Number(events) / seconds, 'events/s', readRate),
    figure('ledger.inclusion_proof_p99_ms', percentile(latencies, 99), 'ms'),
    figure('ledger.prove_account_ms', percentile(bundles, 50), 'ms'),
  ];
}
