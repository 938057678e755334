import type { Pool } from 'pg';
import type { EventStore } from '../../libs/event-store/src';
import { qualified, type Projection } from '../../libs/projections/src';

/** Every row of every table of a read-model schema, in a stable order. */
export async function dumpSchema(pool: Pool, schema: string): Promise<Record<string, unknown[]>> {
  const { rows: tables } = await pool.query<{ table_name: string }>(
    `SELECT table_name FROM information_schema.tables WHERE table_schema = $1 ORDER BY table_name`,
    [schema],
  );
  const dump: Record<string, unknown[]> = {};
  for (const { table_name: table } of tables) {
    const { rows } = await pool.query(`SELECT * FROM ${qualified(schema, table)}`);
    dump[table] = rows.map((row) => JSON.stringify(row)).sort();
  }
  return dump;
}

/** What a projection's tables hold after applying the whole log once, in one pass: the reference. */
export async function buildFromScratch(
  pool: Pool,
  store: EventStore,
  projection: Projection,
  schema: string,
  batchSize = 1000,
): Promise<void> {
  await pool.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE; CREATE SCHEMA "${schema}"`);
  await pool.query(projection.setup(schema));
  for (let after = 0n; ;) {
    const events = await store.readAll({ after, limit: batchSize });
    if (events.length === 0) return;
    const tx = await pool.connect();
    try {
      await tx.query('BEGIN');
      const handled = events.filter((event) => projection.handles.has(event.type));
      if (handled.length > 0) await projection.apply(tx, schema, handled);
      await tx.query('COMMIT');
    } finally {
      tx.release();
    }
    after = events[events.length - 1].position;
  }
}
