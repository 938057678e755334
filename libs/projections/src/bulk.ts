import type { PoolClient } from 'pg';
import type { RecordedEvent } from '@app/event-store';

export interface Column {
  name: string;
  /** PostgreSQL type of the column, for the array cast (`text`, `bigint`, `timestamptz`, …). */
  type: string;
}

/** A column named `name` of PostgreSQL type `type`. */
export const col = <Name extends string>(name: Name, type = 'text'): Column & { name: Name } => ({ name, type });

/**
 * Writes many rows in one statement: INSERT … SELECT FROM unnest(arrays) ON CONFLICT (key) DO
 * UPDATE. Projections that fold a batch in memory write it back with one of these per table.
 */
export async function bulkUpsert(
  tx: PoolClient,
  table: string,
  columns: readonly Column[],
  key: readonly string[],
  rows: ReadonlyArray<Record<string, unknown>>,
): Promise<void> {
  if (rows.length === 0) return;
  const names = columns.map((column) => column.name);
  const arrays = columns.map((column) => rows.map((row) => row[column.name] ?? null));
  const updates = names.filter((name) => !key.includes(name)).map((name) => `${name} = excluded.${name}`);
  await tx.query(
    `INSERT INTO ${table} (${names.join(', ')})
     SELECT * FROM unnest(${columns.map((column, i) => `$${i + 1}::${column.type}[]`).join(', ')})
     ON CONFLICT (${key.join(', ')}) DO ${updates.length > 0 ? `UPDATE SET ${updates.join(', ')}` : 'NOTHING'}`,
    arrays,
  );
}

/**
 * The keys whose rows a batch must load before folding: every key its events name, except those
 * first named by the event that creates them (`creates`: a ticket's opening, an account's
 * onboarding), whose rows cannot exist before the batch. The more of a ticket's history falls in one
 * batch (rebuild batches are large), the fewer keys a batch looks up.
 */
export function keysToLoad(
  events: readonly RecordedEvent[],
  keyOf: (event: RecordedEvent) => unknown,
  creates: string,
): string[] {
  const created = new Set<string>();
  const load = new Set<string>();
  for (const event of events) {
    const key = keyOf(event);
    if (typeof key !== 'string' || created.has(key) || load.has(key)) continue;
    (event.type === creates ? created : load).add(key);
  }
  return [...load];
}
