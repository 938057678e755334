import type { Pool, PoolClient } from 'pg';
import type { SupportEvent } from '@app/domain';
import type { RecordedEvent, SqlLog } from '@app/event-store';

/**
 * A read model built from the log (docs/design.md §5). Its tables live in a schema of their own per
 * generation, so a rebuild fills a new schema beside the live one and a swap makes it live.
 */
export interface Projection {
  /** Stable name, used in status, locks, the admin API and the CLI (`queue`, `timeline`, …). */
  readonly name: string;
  /** Event types the projection reads; others only advance its position. */
  readonly handles: ReadonlySet<string>;
  /**
   * The handled types whose metadata `apply` reads; by default all of them. A rebuild reads the
   * metadata of these types only (the others' reach `apply` empty).
   */
  readonly metadataOf?: ReadonlySet<string>;
  /**
   * The handled types whose personal data `apply` reads; by default all of them. The others reach
   * it as stored, their personal fields sealed: opening what no projection reads was most of what
   * encryption cost a rebuild.
   */
  readonly personalDataOf?: ReadonlySet<string>;
  /** DDL creating the projection's tables in `schema`. */
  setup(schema: string): string;
  /**
   * Optional DDL bringing a schema an earlier version set up to `setup`'s shape (additive and
   * idempotent: `ADD COLUMN IF NOT EXISTS`); run on the live and rebuilding schemas at every start.
   */
  upgrade?(schema: string): string;
  /**
   * Applies events (only handled types, in log order) inside the transaction that also moves the
   * checkpoint: whatever it writes becomes visible together with the new position, or not at all.
   */
  apply(tx: PoolClient, schema: string, events: RecordedEvent[]): Promise<void>;
  /**
   * Optional, for rebuilds when the log is a table of the same database: writes the rows of the events
   * `log` selects in (after, to] with one statement inside the database, exactly as `apply` would;
   * events it cannot select reach `apply`. Only for projections whose rows of different events are
   * independent of each other and of the order they are written in.
   */
  copyFromLog?(tx: PoolClient, schema: string, log: SqlLog, after: bigint, to: bigint): Promise<void>;
}

/** The event types whose metadata a projection's `apply` reads. */
export function metadataTypes(projection: Projection): ReadonlySet<string> {
  return projection.metadataOf ?? projection.handles;
}

/** The event types whose personal data a projection's `apply` reads. */
export function personalDataTypes(projection: Projection): ReadonlySet<string> {
  return projection.personalDataOf ?? projection.handles;
}

/** Quotes a generated schema name; names are `rm_<projection>_<generation>`, never user input. */
export function qualified(schema: string, table: string): string {
  if (!/^rm_[a-z_]+_\d+$/.test(schema)) throw new Error(`not a read-model schema: ${schema}`);
  return `"${schema}"."${table}"`;
}

/**
 * A recorded event as the domain's typed union, for a projection to switch on. The cast is the one
 * place the log's JSON meets the types: the upcasters bring every stored event to its type's current
 * shape, and a projection only receives the types it handles.
 */
export function supportEventOf(event: RecordedEvent): SupportEvent {
  return { type: event.type, data: event.data } as SupportEvent;
}

/** An event a projection could not apply; the runner stops the projection at its position. */
export class EventApplyError extends Error {
  constructor(
    readonly position: bigint,
    readonly type: string,
    override readonly cause: unknown,
  ) {
    super(`${type} at position ${position}: ${cause instanceof Error ? cause.message : String(cause)}`);
  }
}

/** Applies events one by one, naming the event that failed. */
export async function applyEach(
  events: RecordedEvent[],
  apply: (event: RecordedEvent) => Promise<void>,
): Promise<void> {
  for (const event of events) {
    try {
      await apply(event);
    } catch (error) {
      throw new EventApplyError(event.position, event.type, error);
    }
  }
}

/** A read model as its queries see it: the pool to ask and the live schema (generation) to read. */
export interface ReadModel {
  pool: Pick<Pool, 'query'>;
  schema: string;
}
