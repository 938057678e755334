import type { Pool, PoolClient } from 'pg';
import { runMigrations, type Migration } from '@app/database';
import type { EventStore } from '@app/event-store';
import type { Checkpoint } from './note';

const MIGRATIONS: Migration[] = [
  {
    version: 1,
    name: 'ledger: tiles, state, account sequences, checkpoints',
    sql: `
      CREATE SCHEMA IF NOT EXISTS ledger;
      -- The tree as C2SP tlog-tiles lays it out (tiles.ts); level 0 also holds its leaves' positions.
      CREATE TABLE ledger.tiles (
        level smallint NOT NULL,
        idx bigint NOT NULL,
        hashes bytea NOT NULL,
        positions bytea,
        first_position bigint,
        PRIMARY KEY (level, idx));
      CREATE INDEX tiles_first_position ON ledger.tiles (first_position) WHERE level = 0;
      -- The tree's size and the last event it covers; written with the tiles of each batch.
      CREATE TABLE ledger.state (
        one boolean PRIMARY KEY DEFAULT true CHECK (one),
        size bigint NOT NULL,
        last_position bigint NOT NULL,
        last_recorded_at timestamptz);
      -- How many events of each account the tree holds: the next leaf's account sequence.
      CREATE TABLE ledger.accounts (
        account_id text PRIMARY KEY,
        next_seq bigint NOT NULL);
      -- Every checkpoint signed, as published.
      CREATE TABLE ledger.checkpoints (
        size bigint PRIMARY KEY,
        origin text NOT NULL,
        root bytea NOT NULL,
        position bigint NOT NULL,
        recorded_at text NOT NULL,
        note text NOT NULL,
        verifier_key text NOT NULL,
        signed_at timestamptz NOT NULL DEFAULT now(),
        sent_to_kafka boolean NOT NULL DEFAULT false);
      -- Where the store indexes no event ids (EventStoreDB): each event's position by its id.
      CREATE TABLE ledger.event_ids (
        event_id uuid PRIMARY KEY,
        position bigint NOT NULL);`,
  },
];

export async function migrateLedger(pool: Pool): Promise<void> {
  await runMigrations(pool, 'ledger', MIGRATIONS);
}

export interface LedgerState {
  size: bigint;
  lastPosition: bigint;
  lastRecordedAt: Date | null;
}

export async function readLedgerState(pool: Pool | PoolClient): Promise<LedgerState> {
  const { rows } = await pool.query<{ size: string; last_position: string; last_recorded_at: Date | null }>(
    'SELECT size, last_position, last_recorded_at FROM ledger.state',
  );
  if (rows.length === 0) return { size: 0n, lastPosition: 0n, lastRecordedAt: null };
  return {
    size: BigInt(rows[0].size),
    lastPosition: BigInt(rows[0].last_position),
    lastRecordedAt: rows[0].last_recorded_at,
  };
}

/**
 * Moves the tree from `from` leaves to `state`; false when it was not at `from` (`ledger rebuild`
 * reset it meanwhile): the builder then starts again from what is stored.
 */
export async function advanceLedgerState(client: PoolClient, from: bigint, state: LedgerState): Promise<boolean> {
  const values = [state.size.toString(), state.lastPosition.toString(), state.lastRecordedAt, from.toString()];
  const { rowCount } =
    from === 0n
      ? await client.query(
          `INSERT INTO ledger.state (one, size, last_position, last_recorded_at) SELECT true, $1, $2, $3
            WHERE $4::bigint = 0 ON CONFLICT (one) DO NOTHING`,
          values,
        )
      : await client.query(
          'UPDATE ledger.state SET size = $1, last_position = $2, last_recorded_at = $3 WHERE size = $4',
          values,
        );
  return rowCount === 1;
}

/** The next account sequence of each account, for the accounts of a batch. */
export async function accountSequences(pool: Pool, accounts: string[]): Promise<Map<string, bigint>> {
  const { rows } = await pool.query<{ account_id: string; next_seq: string }>(
    'SELECT account_id, next_seq FROM ledger.accounts WHERE account_id = ANY ($1)',
    [accounts],
  );
  return new Map(rows.map((row) => [row.account_id, BigInt(row.next_seq)]));
}

/** The positions of events by id, for a store that cannot look an id up itself. */
export async function writeEventIds(
  client: PoolClient,
  events: Array<{ eventId: string; position: bigint }>,
): Promise<void> {
  await client.query(
    `INSERT INTO ledger.event_ids (event_id, position) SELECT * FROM unnest($1::uuid[], $2::bigint[])
     ON CONFLICT (event_id) DO NOTHING`,
    [events.map((event) => event.eventId), events.map((event) => event.position.toString())],
  );
}

export async function writeAccountSequences(client: PoolClient, sequences: Map<string, bigint>): Promise<void> {
  if (sequences.size === 0) return;
  await client.query(
    `INSERT INTO ledger.accounts (account_id, next_seq) SELECT * FROM unnest($1::text[], $2::bigint[])
     ON CONFLICT (account_id) DO UPDATE SET next_seq = excluded.next_seq`,
    [[...sequences.keys()], [...sequences.values()].map(String)],
  );
}

export interface StoredCheckpoint extends Checkpoint {
  note: string;
  verifierKey: string;
  signedAt: Date;
}

type CheckpointRow = {
  size: string;
  origin: string;
  root: Buffer;
  position: string;
  recorded_at: string;
  note: string;
  verifier_key: string;
  signed_at: Date;
};

const toCheckpoint = (row: CheckpointRow): StoredCheckpoint => ({
  origin: row.origin,
  size: BigInt(row.size),
  root: row.root,
  position: BigInt(row.position),
  recordedAt: row.recorded_at,
  note: row.note,
  verifierKey: row.verifier_key,
  signedAt: row.signed_at,
});

/** The latest checkpoint signed; with `atMost`, the latest of at most that size. */
export async function latestCheckpoint(pool: Pool, atMost?: bigint): Promise<StoredCheckpoint | undefined> {
  const { rows } = await pool.query<CheckpointRow>(
    'SELECT * FROM ledger.checkpoints WHERE $1::bigint IS NULL OR size <= $1 ORDER BY size DESC LIMIT 1',
    [atMost?.toString() ?? null],
  );
  return rows[0] && toCheckpoint(rows[0]);
}

/** The checkpoint of exactly `size`, if one was signed. */
export async function checkpointOfSize(pool: Pool, size: bigint): Promise<StoredCheckpoint | undefined> {
  const { rows } = await pool.query<CheckpointRow>('SELECT * FROM ledger.checkpoints WHERE size = $1', [
    size.toString(),
  ]);
  return rows[0] && toCheckpoint(rows[0]);
}

export async function saveCheckpoint(pool: Pool, checkpoint: StoredCheckpoint): Promise<void> {
  await pool.query(
    `INSERT INTO ledger.checkpoints (size, origin, root, position, recorded_at, note, verifier_key)
     VALUES ($1, $2, $3, $4, $5, $6, $7)`,
    [
      checkpoint.size.toString(),
      checkpoint.origin,
      checkpoint.root,
      checkpoint.position.toString(),
      checkpoint.recordedAt,
      checkpoint.note,
      checkpoint.verifierKey,
    ],
  );
}

/** Checkpoints not yet on the Kafka topic, oldest first. */
export async function unsentCheckpoints(pool: Pool): Promise<StoredCheckpoint[]> {
  const { rows } = await pool.query<CheckpointRow>(
    'SELECT * FROM ledger.checkpoints WHERE NOT sent_to_kafka ORDER BY size',
  );
  return rows.map(toCheckpoint);
}

export async function markSent(pool: Pool, sizes: bigint[]): Promise<void> {
  await pool.query('UPDATE ledger.checkpoints SET sent_to_kafka = true WHERE size = ANY ($1::bigint[])', [
    sizes.map(String),
  ]);
}

/** Lag is counted up to this many events; beyond it the answer is "at least". */
const LAG_COUNT_LIMIT = 10_000;

export interface LedgerStatus {
  /** Leaves (events) in the tree. */
  size: string;
  /** Log position of the last event in the tree. */
  position: string;
  /** Events of the log not in the tree yet. */
  lag: { events: number; eventsAtLeast: boolean };
  /** The latest signed checkpoint, and how long ago it was signed. */
  checkpoint: { size: string; origin: string; signedAt: string; ageSeconds: number } | null;
  /** The key checkpoints are signed with: what an auditor pins. */
  verifierKey: string | null;
}

/** The tree, its lag behind the log and its latest checkpoint (operators: console, CLI, metrics). */
export async function ledgerStatus(pool: Pool, store: Pick<EventStore, 'readAll'>): Promise<LedgerStatus> {
  const [state, checkpoint] = await Promise.all([readLedgerState(pool), latestCheckpoint(pool)]);
  const behind = await store.readAll({ after: state.lastPosition, limit: LAG_COUNT_LIMIT });
  return {
    size: state.size.toString(),
    position: state.lastPosition.toString(),
    lag: { events: behind.length, eventsAtLeast: behind.length === LAG_COUNT_LIMIT },
    checkpoint: checkpoint
      ? {
          size: checkpoint.size.toString(),
          origin: checkpoint.origin,
          signedAt: checkpoint.signedAt.toISOString(),
          ageSeconds: Math.max(0, Math.round((Date.now() - checkpoint.signedAt.getTime()) / 100) / 10),
        }
      : null,
    verifierKey: checkpoint?.verifierKey ?? null,
  };
}
