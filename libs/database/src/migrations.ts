import type { Pool } from 'pg';
import { inTransaction } from './transaction';

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

/**
 * Applies the pending migrations of one component in a single transaction. An advisory lock keyed by
 * the component makes concurrent start-ups wait for each other instead of racing.
 */
export async function runMigrations(
  pool: Pool,
  component: string,
  migrations: readonly Migration[],
): Promise<number[]> {
  return inTransaction(pool, async (client) => {
    await client.query(`SELECT pg_advisory_xact_lock(hashtext('schema_migrations'))`);
    await client.query(`CREATE TABLE IF NOT EXISTS public.schema_migrations (
      component text NOT NULL,
      version integer NOT NULL,
      name text NOT NULL,
      applied_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (component, version))`);
    const { rows } = await client.query<{ version: number }>(
      'SELECT version FROM public.schema_migrations WHERE component = $1',
      [component],
    );
    const applied = new Set(rows.map((row) => row.version));
    const pending = [...migrations].sort((a, b) => a.version - b.version).filter((m) => !applied.has(m.version));
    for (const migration of pending) {
      await client.query(migration.sql);
      await client.query('INSERT INTO public.schema_migrations (component, version, name) VALUES ($1, $2, $3)', [
        component,
        migration.version,
        migration.name,
      ]);
    }
    return pending.map((m) => m.version);
  });
}
