import type { PoolClient } from 'pg';
import type { SupportEvent } from '@app/domain';
import type { RecordedEvent } from '@app/event-store';
import { bulkUpsert, type Column } from './bulk';
import { applyEach, supportEventOf } from './projection';

/**
 * How a projection folds a batch: one handler per event type it reads, each given the event typed
 * as the domain declares it, the event as recorded (position, metadata) and the batch's state.
 */
export type BatchHandlers<Batch> = {
  [Type in SupportEvent['type']]?: (
    batch: Batch,
    event: Extract<SupportEvent, { type: Type }>['data'],
    recorded: RecordedEvent,
  ) => void;
};

/** The event types a projection handles: those it has a handler for. */
export const handledBy = <Batch>(handlers: BatchHandlers<Batch>): ReadonlySet<string> => new Set(Object.keys(handlers));

/** Folds a batch's events, in log order, into `batch`; an event that fails is named with its position. */
export async function foldBatch<Batch>(
  events: RecordedEvent[],
  handlers: BatchHandlers<Batch>,
  batch: Batch,
): Promise<void> {
  await applyEach(events, async (recorded) => {
    const event = supportEventOf(recorded);
    const handle = handlers[event.type] as ((b: Batch, data: unknown, r: RecordedEvent) => void) | undefined;
    handle?.(batch, event.data, recorded);
  });
}

/** A projection's batch folded in memory: it loads the rows its events name and writes back those it changed. */
export interface FoldedBatch {
  load(tx: PoolClient, events: RecordedEvent[]): Promise<void>;
  write(tx: PoolClient): Promise<void>;
}

/** The `apply` of a projection whose batches fold in memory: load, a handler per event in log order, write. */
export const applyFolded =
  <Batch extends FoldedBatch>(batchOf: (schema: string) => Batch, handlers: BatchHandlers<Batch>) =>
  async (tx: PoolClient, schema: string, events: RecordedEvent[]): Promise<void> => {
    const batch = batchOf(schema);
    await batch.load(tx, events);
    await foldBatch(events, handlers, batch);
    await batch.write(tx);
  };

/** A timestamp column's value: an ISO string when an event set it, a Date when it was loaded. */
export type Instant = string | Date;

/**
 * The rows of one table a batch reads, changes in memory and writes back with one statement
 * (`bulkUpsert`): only the rows it changed. `what` names the rows in errors ("ticket").
 */
export class BatchRows<Row extends object> {
  private readonly rows = new Map<string, Row>();
  private readonly changed = new Set<string>();

  constructor(
    private readonly table: string,
    private readonly columns: ReadonlyArray<Column & { name: keyof Row & string }>,
    private readonly key: ReadonlyArray<keyof Row & string>,
    private readonly what: string,
  ) {}

  /** Loads the rows whose `column` is one of `values` (a batch loads what its events name). */
  async load(tx: PoolClient, column: keyof Row & string, values: string[]): Promise<void> {
    if (values.length === 0) return;
    const { rows } = await tx.query<Row>(`SELECT * FROM ${this.table} WHERE ${column} = ANY ($1)`, [values]);
    for (const row of rows) this.rows.set(this.keyOf(row), row);
  }

  /** The row under `key` (its key columns' values, in order), which must exist. */
  get(...key: string[]): Row {
    const row = this.find(...key);
    if (!row) throw new Error(`${this.what} ${key.join(' ')} is unknown to the read model`);
    return row;
  }

  /** The row under `key`, if the batch holds one. */
  find(...key: string[]): Row | undefined {
    return this.rows.get(key.join('|'));
  }

  /** The row under `key`, to be written back: the caller changes it in place. */
  change(...key: string[]): Row {
    const row = this.get(...key);
    this.changed.add(key.join('|'));
    return row;
  }

  /** A new row, or a row replaced whole. */
  put(row: Row): void {
    const key = this.keyOf(row);
    this.rows.set(key, row);
    this.changed.add(key);
  }

  /** Every row the batch holds, loaded or new. */
  values(): IterableIterator<Row> {
    return this.rows.values();
  }

  /** The rows the batch changed or added. */
  changedRows(): Row[] {
    return [...this.changed].map((key) => this.rows.get(key) as Row);
  }

  async write(tx: PoolClient): Promise<void> {
    await bulkUpsert(tx, this.table, this.columns, this.key, this.changedRows() as Array<Record<string, unknown>>);
  }

  private keyOf(row: Row): string {
    return this.key.map((column) => String(row[column])).join('|');
  }
}
