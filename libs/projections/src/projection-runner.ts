import type { Pool } from 'pg';
import type { Logger } from 'pino';
import type { EventStore, RecordedEvent, Subscription } from '@app/event-store';
import { EventApplyError, metadataTypes, personalDataTypes, type Projection } from './projection';
import { inTransaction, roleLeadership, type Leadership, type LeaderSession } from '@app/database';
import { ensureProjection, lockStatus } from './projection-store';
import { Rebuilder } from './rebuilder';

/** Advisory-lock class of projection leadership; the object id is hashtext(name). */
export const LEADER_LOCK_CLASS = 1347571026;

export interface RunnerOptions {
  batchSize: number;
  /** Events per batch of the rebuilds this runner carries out as leader. */
  rebuildBatchSize: number;
  /** How often a standby tries to become leader. */
  leaderPollMs: number;
  /** How long a failed projection waits before it tries its failing batch again. */
  retryMs: number;
  /** Connection string for the session that holds leadership. */
  connectionString: string;
}

export interface RunnerObserver {
  applied(projection: string, events: number, position: bigint, lastRecordedAt: Date): void;
  failed(projection: string, error: unknown, position: bigint): void;
  unknown(projection: string, count: number): void;
  leadership(projection: string, leader: boolean): void;
}

/** The projection moved on elsewhere (another leader, a rebuild swap): start again from the status row. */
class Resync extends Error {}

/**
 * Runs one projection: exactly one leader across processes (a session-level advisory lock on a
 * connection of its own; when that process dies its session ends and a standby takes over).
 * The leader subscribes from the checkpoint and applies each batch in one transaction with the new
 * checkpoint. Every batch first locks the status row and checks that the checkpoint and live schema
 * are the ones it started from, so even two leaders (a network partition) cannot apply an event
 * twice. A throwing handler rolls its batch back and marks the projection failed at that event,
 * then retries after `retryMs`; the failure stays visible in status, logs and metrics meanwhile.
 */
export class ProjectionRunner {
  private leader = false;
  private subscription?: Subscription;
  private readonly rebuilder: Rebuilder;
  private readonly leadership: Leadership;

  constructor(
    private readonly projection: Projection,
    private readonly store: EventStore,
    private readonly pool: Pool,
    private readonly knownTypes: ReadonlySet<string>,
    private readonly options: RunnerOptions,
    private readonly logger: Logger,
    private readonly observer: RunnerObserver,
  ) {
    this.rebuilder = new Rebuilder(projection, store, pool, knownTypes, options.rebuildBatchSize);
    this.leadership = roleLeadership(
      {
        role: 'projection',
        key: projection.name,
        lockClass: LEADER_LOCK_CLASS,
        connectionString: options.connectionString,
        pollMs: options.leaderPollMs,
        logger: logger.child({ projection: projection.name }),
        changed: (leader) => {
          this.leader = leader;
          this.observer.leadership(this.projection.name, leader);
        },
      },
      (session) => this.lead(session),
    );
  }

  get isLeader(): boolean {
    return this.leader;
  }

  start(): void {
    this.leadership.start();
  }

  async stop(): Promise<void> {
    const stopping = this.leadership.stop();
    this.rebuilder.stop();
    await this.subscription?.stop();
    await stopping;
  }

  /** Leads until the session is lost or the runner stops. */
  private async lead(session: LeaderSession): Promise<void> {
    this.logger.info({ projection: this.projection.name }, 'projection leader');
    await ensureProjection(this.pool, this.projection);
    void session.whenLost.then(() => {
      void this.subscription?.stop();
      this.rebuilder.stop();
    });
    const rebuilding = this.rebuilder.follow(this.logger);
    while (this.leadership.leads(session)) {
      const { rows } = await this.pool.query<{ position: string; active_schema: string }>(
        'SELECT position, active_schema FROM projections.status WHERE name = $1',
        [this.projection.name],
      );
      let position = BigInt(rows[0].position);
      const schema = rows[0].active_schema;
      this.subscription = this.store.subscribeToAll(
        {
          after: position,
          batchSize: this.options.batchSize,
          metadataOf: metadataTypes(this.projection),
          personalDataOf: personalDataTypes(this.projection),
        },
        async (events) => {
          position = await this.applyBatch(schema, position, events);
        },
      );
      // stop() may have run while this subscription was being set up: it could not stop it then.
      if (!this.leadership.leads(session)) void this.subscription.stop();
      try {
        await this.subscription.done;
      } catch (error) {
        if (error instanceof Resync) continue;
        await this.recordFailure(error);
        await this.leadership.pause(this.options.retryMs, session);
      }
    }
    this.rebuilder.stop();
    await rebuilding;
  }

  private async applyBatch(schema: string, from: bigint, events: RecordedEvent[]): Promise<bigint> {
    const last = events[events.length - 1];
    const unknown = events.filter((event) => !this.knownTypes.has(event.type)).length;
    await inTransaction(this.pool, async (tx) => {
      const status = await lockStatus(tx, this.projection.name);
      if (BigInt(status.position) !== from || status.active_schema !== schema) throw new Resync();
      const handled = events.filter((event) => this.projection.handles.has(event.type));
      if (handled.length > 0) {
        try {
          await this.projection.apply(tx, schema, handled);
        } catch (error) {
          throw new BatchApplyError(error, handled);
        }
      }
      await tx.query(
        `UPDATE projections.status SET position = $2, last_recorded_at = $3, unknown_events = unknown_events + $4, state = 'running', error = NULL, failed_position = NULL, updated_at = now()
          WHERE name = $1`,
        [this.projection.name, last.position.toString(), last.recordedAt, unknown],
      );
    });
    if (unknown > 0) this.observer.unknown(this.projection.name, unknown);
    this.observer.applied(this.projection.name, events.length, last.position, last.recordedAt);
    return last.position;
  }

  private async recordFailure(error: unknown): Promise<void> {
    const at = error instanceof BatchApplyError ? error.position : null;
    const cause = error instanceof BatchApplyError ? error.cause : error;
    const message = cause instanceof Error ? cause.message : String(cause);
    this.observer.failed(this.projection.name, cause, at ?? -1n);
    this.logger.error(
      { err: cause, projection: this.projection.name, position: at?.toString() },
      `projection ${this.projection.name} stopped: ${message}`,
    );
    await this.pool
      .query(
        `UPDATE projections.status SET state = 'failed', error = $2, failed_position = $3, updated_at = now() WHERE name = $1`,
        [this.projection.name, message.slice(0, 2000), at?.toString() ?? null],
      )
      .catch(() => undefined);
  }
}

/**
 * A projection threw on a batch, at the event its `applyEach` named (an EventApplyError), or else at
 * the batch's first event: the position the projection stops at.
 */
class BatchApplyError extends Error {
  readonly position: bigint;
  constructor(
    override readonly cause: unknown,
    events: RecordedEvent[],
  ) {
    super(cause instanceof Error ? cause.message : String(cause));
    this.position = cause instanceof EventApplyError ? cause.position : events[0].position;
  }
}
