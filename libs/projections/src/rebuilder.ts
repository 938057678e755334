import type { Pool, PoolClient } from 'pg';
import type { Logger } from 'pino';
import type { EventStore, RecordedEvent, SqlLog } from '@app/event-store';
import { metadataTypes, personalDataTypes, type Projection } from './projection';
import { inTransaction } from '@app/database';
import { lockStatus, readStatus, schemaName } from './projection-store';

interface RebuildState {
  schema: string;
  from: bigint;
  target: bigint;
}

export interface RebuildProgress {
  position: bigint;
  target: bigint;
  events: number;
}

const FOLLOW_INTERVAL_MS = 1000;

/**
 * Rebuilds a projection beside the live one: a new schema filled from position 0 in batches (each
 * batch and its rebuild checkpoint in one transaction, so a rebuild resumes after a crash), then,
 * when it has caught up, one transaction that locks the status row (holding the live runner's next
 * batch), brings the new schema to the live checkpoint and makes it live. Queries never see a
 * half-built model. Any process may do the work (the leader's runner, or the CLI): every batch
 * checks the rebuild checkpoint under the status lock, so two rebuilders cannot apply an event twice.
 */
export class Rebuilder {
  private stopped = false;
  private wake?: () => void;
  /** The SQL log this rebuild copies from, when the projection can and the log is in its database. */
  private readonly copy?: { log: SqlLog; from: NonNullable<Projection['copyFromLog']> };
  /** The event types whose metadata the events this rebuild applies must carry. */
  private readonly metadataRead: ReadonlySet<string>;
  /** The event types whose personal data they must carry opened. */
  private readonly personalDataRead: ReadonlySet<string>;

  constructor(
    private readonly projection: Projection,
    private readonly store: EventStore,
    private readonly pool: Pool,
    private readonly knownTypes: ReadonlySet<string>,
    private readonly batchSize: number,
  ) {
    const log = store.sqlLog;
    if (projection.copyFromLog && log?.isIn(pool)) this.copy = { log, from: projection.copyFromLog.bind(projection) };
    const applied = (types: ReadonlySet<string>) =>
      new Set([...types].filter((type) => projection.handles.has(type) && !this.copy?.log.asStored(type)));
    this.metadataRead = applied(metadataTypes(projection));
    this.personalDataRead = applied(personalDataTypes(projection));
  }

  stop(): void {
    this.stopped = true;
    this.wake?.();
  }

  /** Starts a rebuild unless one is running; returns the schema being built. */
  async request(): Promise<string> {
    const head = await this.store.headPosition();
    return inTransaction(this.pool, async (tx) => {
      const status = await lockStatus(tx, this.projection.name);
      if (status.rebuild_schema) return status.rebuild_schema;
      const schema = schemaName(this.projection.name, status.generation + 1);
      await tx.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE; CREATE SCHEMA "${schema}"`);
      await tx.query(this.projection.setup(schema));
      await tx.query(
        `UPDATE projections.status SET rebuild_schema = $2, rebuild_position = 0, rebuild_target = $3, rebuild_unknown_events = 0, rebuild_started_at = now(), updated_at = now() WHERE name = $1`,
        [this.projection.name, schema, head.toString()],
      );
      return schema;
    });
  }

  /** Leader duty: carry out requested rebuilds until stopped. */
  async follow(logger: Logger): Promise<void> {
    this.stopped = false;
    while (!this.stopped) {
      try {
        const [status] = await readStatus(this.pool, this.projection.name);
        if (status?.rebuild_schema) {
          logger.info(
            { projection: this.projection.name, schema: status.rebuild_schema },
            'projection rebuild resumed',
          );
          if (await this.run()) logger.info({ projection: this.projection.name }, 'projection rebuilt and swapped');
        }
      } catch (error) {
        logger.error({ err: error, projection: this.projection.name }, 'projection rebuild failed; retrying');
      }
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, FOLLOW_INTERVAL_MS);
        this.wake = () => (clearTimeout(timer), resolve());
      });
    }
  }

  /** Works on the requested rebuild until it is live (true) or this rebuilder stops (false). */
  run(onProgress?: (progress: RebuildProgress) => void): Promise<boolean> {
    return Rebuilder.together([this], this.store, this.batchSize, onProgress);
  }

  /**
   * Several rebuilds in one pass over the log: each batch is read once (the next one while this one
   * is applied) and applied to every rebuild still behind it, each in its own fenced transaction, at
   * once. Rebuilds at different checkpoints (one resumed after a crash) each take the part of the
   * batch after their own. True when all are live, false when stopped first.
   */
  static async together(
    rebuilders: Rebuilder[],
    store: EventStore,
    batchSize: number,
    onProgress?: (progress: RebuildProgress) => void,
  ): Promise<boolean> {
    let events = 0;
    let prefetched: { after: bigint; batch: Promise<RecordedEvent[]> } | undefined;
    const metadataOf = new Set(rebuilders.flatMap((rebuilder) => [...rebuilder.metadataRead]));
    const personalDataOf = new Set(rebuilders.flatMap((rebuilder) => [...rebuilder.personalDataRead]));
    const read = (after: bigint) => store.readAll({ after, limit: batchSize, metadataOf, personalDataOf });
    while (!rebuilders.some((rebuilder) => rebuilder.stopped)) {
      const states = (
        await Promise.all(rebuilders.map(async (rebuilder) => ({ rebuilder, state: await rebuilder.state() })))
      ).filter((entry): entry is { rebuilder: Rebuilder; state: RebuildState } => entry.state !== null);
      if (states.length === 0) return true;
      const from = states.reduce((min, { state }) => (state.from < min ? state.from : min), states[0].state.from);
      const batch = await (prefetched?.after === from ? prefetched.batch : read(from));
      const atHead = batch.length < batchSize;
      prefetched =
        atHead || batch.length === 0
          ? undefined
          : { after: batch[batch.length - 1].position, batch: read(batch[batch.length - 1].position) };
      prefetched?.batch.catch(() => undefined);
      await Promise.all(
        states.map(({ rebuilder, state }) =>
          rebuilder.advance(
            state,
            batch.filter((event) => event.position > state.from),
            atHead,
          ),
        ),
      );
      if (batch.length === 0) continue;
      events += batch.length;
      onProgress?.({
        position: batch[batch.length - 1].position,
        target: states.reduce((max, { state }) => (state.target > max ? state.target : max), 0n),
        events,
      });
    }
    return false;
  }

  /** The requested rebuild's schema, checkpoint and target; null when none is requested (it is live). */
  private async state(): Promise<RebuildState | null> {
    const [status] = await readStatus(this.pool, this.projection.name);
    if (!status.rebuild_schema) return null;
    return {
      schema: status.rebuild_schema,
      from: BigInt(status.rebuild_position ?? '0'),
      target: BigInt(status.rebuild_target ?? '0'),
    };
  }

  /** Applies the events that follow the rebuild's checkpoint; at the head of the log, tries to make it live. */
  private async advance(state: RebuildState, events: RecordedEvent[], atHead: boolean): Promise<void> {
    if (atHead && (await this.swap(state.schema, state.from, events))) return;
    if (events.length > 0) await this.applyBatch(state.schema, state.from, events);
  }

  /** One fenced batch: nothing happens if another rebuilder moved the checkpoint meanwhile. */
  private async applyBatch(schema: string, from: bigint, events: RecordedEvent[]): Promise<void> {
    await inTransaction(this.pool, async (tx) => {
      const status = await lockStatus(tx, this.projection.name);
      if (status.rebuild_schema !== schema || BigInt(status.rebuild_position ?? '-1') !== from) return;
      await this.write(tx, schema, from, events);
      const unknown = events.filter((event) => !this.knownTypes.has(event.type)).length;
      await tx.query(
        'UPDATE projections.status SET rebuild_position = $2, rebuild_unknown_events = rebuild_unknown_events + $3, updated_at = now() WHERE name = $1',
        [this.projection.name, events[events.length - 1].position.toString(), unknown],
      );
    });
  }

  /**
   * Writes the rows of `events`, the log after `from` up to the last of them. A projection that can
   * copy from a log in the same database takes the events from there (they never travel to this
   * process and back); only those the copy cannot select (upcast on read) go through `apply`.
   */
  private async write(tx: PoolClient, schema: string, from: bigint, events: RecordedEvent[]): Promise<void> {
    let handled = events.filter((event) => this.projection.handles.has(event.type));
    const { copy } = this;
    if (copy && handled.length > 0) {
      await copy.from(tx, schema, copy.log, from, events[events.length - 1].position);
      handled = handled.filter((event) => !copy.log.asStored(event.type));
    }
    if (handled.length > 0) await this.projection.apply(tx, schema, handled);
  }

  /**
   * Makes the rebuilt schema live if it has caught up. Under the status lock the live runner cannot
   * commit, so its checkpoint is fixed: the rebuilt schema takes the last batch and is brought to that
   * checkpoint (or, if the rebuild is ahead, the live checkpoint jumps forward with it) and becomes
   * the live one.
   */
  private async swap(schema: string, from: bigint, tail: RecordedEvent[]): Promise<boolean> {
    const old = await inTransaction(this.pool, async (tx): Promise<string | null> => {
      const status = await lockStatus(tx, this.projection.name);
      if (status.rebuild_schema !== schema || BigInt(status.rebuild_position ?? '-1') !== from) return null;
      const live = BigInt(status.position);
      // The batch read before the lock, then on to the live checkpoint if the live runner is ahead.
      const pending = [...tail];
      let position = tail.at(-1)?.position ?? from;
      while (position < live) {
        const more = (
          await this.store.readAll({
            after: position,
            limit: this.batchSize,
            metadataOf: this.metadataRead,
            personalDataOf: this.personalDataRead,
          })
        ).filter((event) => event.position <= live);
        if (more.length === 0) break;
        pending.push(...more);
        position = more[more.length - 1].position;
      }
      let unknown = Number(status.rebuild_unknown_events);
      if (pending.length > 0) {
        await this.write(tx, schema, from, pending);
        unknown += pending.filter((event) => !this.knownTypes.has(event.type)).length;
      }
      // Not there yet (the log is not readable up to the live checkpoint): undo, try again later.
      if (position < live) throw new NotCaughtUp();
      await tx.query(
        `UPDATE projections.status SET active_schema = $2, position = $3, unknown_events = $4, generation = generation + 1, state = 'running', error = NULL, failed_position = NULL,
                rebuild_schema = NULL, rebuild_position = NULL, rebuild_target = NULL, rebuild_unknown_events = 0, rebuild_started_at = NULL, updated_at = now()
          WHERE name = $1`,
        [this.projection.name, schema, position.toString(), unknown],
      );
      return status.active_schema;
    }).catch((error: unknown) => {
      if (error instanceof NotCaughtUp) return null;
      throw error;
    });
    if (old === null) return false;
    await this.pool.query(`DROP SCHEMA IF EXISTS "${old}" CASCADE`);
    return true;
  }
}

class NotCaughtUp extends Error {}
