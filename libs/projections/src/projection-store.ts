import type { Pool, PoolClient } from 'pg';
import { inTransaction, runMigrations } from '@app/database';
import type { Projection } from './projection';
import { PROJECTION_MIGRATIONS } from './projections.migrations';

export interface StatusRow {
  name: string;
  active_schema: string;
  position: string;
  state: 'running' | 'failed';
  error: string | null;
  failed_position: string | null;
  unknown_events: string;
  last_recorded_at: Date | null;
  updated_at: Date;
  rebuild_schema: string | null;
  rebuild_position: string | null;
  rebuild_target: string | null;
  rebuild_unknown_events: string;
  rebuild_started_at: Date | null;
  generation: number;
}

export async function migrateProjections(pool: Pool): Promise<void> {
  await runMigrations(pool, 'projections', PROJECTION_MIGRATIONS);
}

export const schemaName = (projection: string, generation: number): string => `rm_${projection}_${generation}`;

/**
 * Creates the projection's first generation and its status row, once, whoever gets there first;
 * afterwards, upgrades the schemas that exist.
 */
export async function ensureProjection(pool: Pool, projection: Projection): Promise<void> {
  await inTransaction(pool, async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`projection-setup:${projection.name}`]);
    const { rows } = await tx.query<Pick<StatusRow, 'active_schema' | 'rebuild_schema'>>(
      'SELECT active_schema, rebuild_schema FROM projections.status WHERE name = $1',
      [projection.name],
    );
    if (rows.length > 0) {
      for (const schema of [rows[0].active_schema, rows[0].rebuild_schema])
        if (schema && projection.upgrade) await tx.query(projection.upgrade(schema));
      return;
    }
    const schema = schemaName(projection.name, 1);
    await tx.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE; CREATE SCHEMA "${schema}"`);
    await tx.query(projection.setup(schema));
    await tx.query('INSERT INTO projections.status (name, active_schema) VALUES ($1, $2)', [projection.name, schema]);
  });
}

/** The status row, locked for the rest of the transaction: every writer of a projection takes it first. */
export async function lockStatus(tx: PoolClient, name: string): Promise<StatusRow> {
  const { rows } = await tx.query<StatusRow>('SELECT * FROM projections.status WHERE name = $1 FOR UPDATE', [name]);
  if (rows.length === 0) throw new Error(`projection ${name} is not set up`);
  return rows[0];
}

export async function readStatus(pool: Pool, name?: string): Promise<StatusRow[]> {
  const { rows } = await pool.query<StatusRow>(
    'SELECT * FROM projections.status WHERE $1::text IS NULL OR name = $1 ORDER BY name',
    [name ?? null],
  );
  return rows;
}
