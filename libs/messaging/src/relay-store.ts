import type { Pool } from 'pg';
import { runMigrations, type Migration } from '@app/database';

const MIGRATIONS: Migration[] = [
  {
    version: 1,
    name: 'relay checkpoint',
    sql: `
      CREATE SCHEMA IF NOT EXISTS messaging;
      -- One row per relay: the last log position the broker acknowledged, and what went to the DLQ.
      CREATE TABLE messaging.relay (
        name text PRIMARY KEY,
        position bigint NOT NULL DEFAULT 0,
        last_recorded_at timestamptz,
        dead_lettered bigint NOT NULL DEFAULT 0,
        updated_at timestamptz NOT NULL DEFAULT now());`,
  },
];

export async function migrateMessaging(pool: Pool): Promise<void> {
  await runMigrations(pool, 'messaging', MIGRATIONS);
}

export interface RelayCheckpoint {
  position: bigint;
  deadLettered: number;
  lastRecordedAt: Date | null;
}

export async function readCheckpoint(pool: Pool, name: string): Promise<RelayCheckpoint> {
  const select = () =>
    pool.query<{ position: string; dead_lettered: string; last_recorded_at: Date | null }>(
      'SELECT position, dead_lettered, last_recorded_at FROM messaging.relay WHERE name = $1',
      [name],
    );
  let { rows } = await select();
  if (rows.length === 0) {
    await pool.query('INSERT INTO messaging.relay (name) VALUES ($1) ON CONFLICT (name) DO NOTHING', [name]);
    ({ rows } = await select());
  }
  return {
    position: BigInt(rows[0].position),
    deadLettered: Number(rows[0].dead_lettered),
    lastRecordedAt: rows[0].last_recorded_at,
  };
}

/**
 * Moves the checkpoint from `from` to `to`; false when it was not at `from` any more (an operator
 * reset it, or another relay moved it), and the caller must start again from the stored one.
 */
export async function advanceCheckpoint(
  pool: Pool,
  name: string,
  from: bigint,
  to: bigint,
  lastRecordedAt: Date,
  deadLettered: number,
): Promise<boolean> {
  const { rowCount } = await pool.query(
    'UPDATE messaging.relay SET position = $3, last_recorded_at = $4, dead_lettered = dead_lettered + $5, updated_at = now() WHERE name = $1 AND position = $2',
    [name, from.toString(), to.toString(), lastRecordedAt, deadLettered],
  );
  return rowCount === 1;
}

/** A checkpoint moved forward would skip events that consumers never received. */
export class RelayForwardRefusedError extends Error {
  constructor(
    readonly current: bigint,
    readonly requested: bigint,
  ) {
    super(
      `the relay's checkpoint is at ${current}: moving it to ${requested} would skip events that were never produced to Kafka (a reset replays from an earlier position; relay reset --forward moves past them on purpose)`,
    );
  }
}

/**
 * Sets the checkpoint (an operator replaying to downstream consumers); returns the previous one.
 * Only backwards, unless `forward`: a move past the checkpoint would drop the events in between
 * without a trace on any topic. The check and the move are one statement, so a relay that advances
 * the checkpoint meanwhile cannot turn a replay into a skip.
 */
export async function resetCheckpoint(
  pool: Pool,
  name: string,
  to: bigint,
  { forward = false }: { forward?: boolean } = {},
): Promise<bigint> {
  await pool.query('INSERT INTO messaging.relay (name) VALUES ($1) ON CONFLICT (name) DO NOTHING', [name]);
  const { rows } = await pool.query<{ previous: string; moved: boolean }>(
    `UPDATE messaging.relay r SET position = CASE WHEN $3 OR old.position >= $2 THEN $2 ELSE r.position END, updated_at = now()
     FROM (SELECT position FROM messaging.relay WHERE name = $1 FOR UPDATE) old
     WHERE r.name = $1 RETURNING old.position AS previous, ($3 OR old.position >= $2) AS moved`,
    [name, to.toString(), forward],
  );
  if (!rows[0].moved) throw new RelayForwardRefusedError(BigInt(rows[0].previous), to);
  return BigInt(rows[0].previous);
}
