import { EventEmitter } from 'node:events';
import { Client, type Pool, type PoolClient } from 'pg';
import { runMigrations } from '@app/database';
import {
  DEFAULT_APPEND_LIMITS,
  prepareEvents,
  validateExpectedRevision,
  validateLimit,
  validatePosition,
  validateStreamName,
  type AppendLimits,
  type PreparedEvent,
} from '../append-validation';
import { DuplicateEventIdError, WrongExpectedVersionError } from '../event-store.errors';
import type {
  AppendResult,
  BatchHandler,
  ChainBreak,
  ChainReport,
  EventStore,
  EventToAppend,
  ExpectedRevision,
  JsonObject,
  JsonValue,
  ReadAllOptions,
  ReadStreamOptions,
  RecordedEvent,
  SqlLog,
  SubscribeOptions,
  Subscription,
} from '../event-store.port';
import { UpcasterChain, type Upcaster } from '../upcasters';
import { HorizonTracker, type HorizonObserver } from './horizon-tracker';
import { AppendGroups, DEFAULT_APPEND_GROUP_LIMITS, type AppendGroupLimits, type PendingAppend } from './append-groups';
import {
  APPEND_EVENT,
  APPEND_EVENTS,
  APPEND_GROUP,
  digestOf,
  EVENT_STORE_MIGRATIONS,
  RECONCILE_XID_OFFSET,
} from './postgres-event-store.migrations';
import { PostgresSubscription } from './postgres-subscription';

export interface PostgresEventStoreOptions {
  limits?: Partial<AppendLimits>;
  upcasters?: readonly Upcaster[];
  /** How long readers wait behind a transaction before they report it and look past non-appenders. */
  horizonStallMs?: number;
  /** Live subscriptions re-read at least this often even without a wake-up. */
  pollIntervalMs?: number;
  /** Connection string for the LISTEN connection that wakes subscribers when another process appends. */
  listenConnectionString?: string;
  observer?: HorizonObserver;
  /** Group commit (append-groups.ts). */
  groups?: Partial<AppendGroupLimits>;
}

const NOTIFY_CHANNEL = 'event_store_appended';
const EXPECTED_CODES = { no_stream: -1n, any: -2n, stream_exists: -3n } as const;
const MAX_ANY_RETRIES = 20;
const NOTIFY_INTERVAL_MS = 20;
const LISTEN_RETRY_MS = 1000;

interface EventRow {
  position: string;
  stream_id: string;
  revision: string;
  event_id: string;
  type: string;
  data: JsonValue;
  /** NULL when the read did not ask for it. */
  metadata: JsonObject | null;
  recorded_at: number;
  /** Hex; NULL for events recorded before the hash chain. */
  hash: string | null;
}

interface RecordedIdRow {
  event_id: string;
  stream_id: string;
  revision: string;
  position: string;
}

interface PgError {
  code?: string;
  constraint?: string;
}

interface AppendedRow {
  position: string;
  revision: string;
}

type GroupRow = AppendedRow & { stream_id: string };

/** One append, validated and serialised. */
interface AppendRequest {
  streamId: string;
  expectation: ExpectedRevision;
  prepared: PreparedEvent[];
}

/** An append waiting in the queue of `AppendGroups`. */
type GroupedAppend = AppendRequest & PendingAppend<AppendResult>;

const expectationCodeOf = (expectation: ExpectedRevision): string =>
  typeof expectation === 'bigint' ? expectation.toString() : EXPECTED_CODES[expectation].toString();

/** The statement of an append sent alone (a single event has one that unnests no arrays). */
function appendStatementOf(streamId: string, expectation: ExpectedRevision, prepared: PreparedEvent[]) {
  const code = expectationCodeOf(expectation);
  if (prepared.length === 1) {
    const [{ eventId, type, data, metadata }] = prepared;
    return {
      name: 'event_store_append_one',
      text: APPEND_EVENT,
      values: [streamId, code, eventId, type, data, metadata],
    };
  }
  return { name: 'event_store_append', text: APPEND_EVENTS, values: [streamId, code, ...eventArrays(prepared)] };
}

/** Event ids, types, and JSON arrays of data and metadata: the events' parameters of an append statement. */
const eventArrays = (events: PreparedEvent[]) => [
  events.map((e) => e.eventId),
  events.map((e) => e.type),
  `[${events.map((e) => e.data).join(',')}]`,
  `[${events.map((e) => e.metadata).join(',')}]`,
];

/** APPEND_GROUP's parameters: per append its stream, expectation, first event and count; then all events. */
function groupValues(group: GroupedAppend[]): unknown[] {
  const firsts: number[] = [];
  let first = 0;
  for (const append of group) {
    firsts.push(first);
    first += append.prepared.length;
  }
  return [
    group.map((append) => append.streamId),
    group.map((append) => expectationCodeOf(append.expectation)),
    firsts,
    group.map((append) => append.prepared.length),
    ...eventArrays(group.flatMap((append) => append.prepared)),
  ];
}

const appendedResult = (streamId: string, row: AppendedRow): AppendResult => ({
  streamId,
  nextRevision: BigInt(row.revision),
  position: BigInt(row.position),
  idempotent: false,
});

/** Runs `work` for a queued append and settles it with the outcome. */
async function settle<R>(append: PendingAppend<R>, work: () => Promise<R>): Promise<void> {
  try {
    append.resolve(await work());
  } catch (error) {
    append.reject(error);
  }
}

// recorded_at as epoch milliseconds: parsing timestamptz text cost a fifth of a log read.
const eventColumns = (metadata = 'metadata') =>
  `position, stream_id, revision, event_id, type, data, ${metadata}, (extract(epoch FROM recorded_at) * 1000)::float8 AS recorded_at, encode(hash, 'hex') AS hash`;
const EVENT_COLUMNS = eventColumns();
/** The columns of a read that needs the metadata of the types in $3 only (NULL for the others, read as {}). */
const SOME_METADATA_COLUMNS = eventColumns('CASE WHEN type = ANY ($3) THEN metadata END AS metadata');
/** The columns of a read of hashes and places (`omitChainedContent`): a chained event's data and most of its metadata stay. */
const CHAINED_PLACE_COLUMNS = eventColumns(
  `CASE WHEN hash IS NULL OR NOT metadata ? 'accountId' THEN CASE WHEN hash IS NULL THEN metadata ELSE '{}'::jsonb END
        ELSE jsonb_build_object('accountId', metadata->'accountId') END AS metadata`,
).replace(', data,', ', CASE WHEN hash IS NULL THEN data END AS data,');

/**
 * The next events after $1, at most $2, below the horizon. The horizon filters the first $2 events
 * after $1 rather than bounding the scan: the planner cannot estimate a bound that comes from a
 * function, and with a large limit it would then sort the rest of the log instead of walking its
 * primary key (measured: 0.4 s per batch of 10,000 on a log of 500,000 events). One horizon row
 * joined to the ordered batch: the rows come out in log order.
 */
const readLogQuery = (columns: string) => `SELECT h.horizon, h.blocked, e.* FROM
    (SELECT horizon, coalesce((SELECT max(position) FROM event_store.events), 0) >= horizon AS blocked
     FROM event_store.horizon() AS horizon) h
  LEFT JOIN LATERAL (SELECT * FROM (SELECT ${columns} FROM event_store.events WHERE position > $1 ORDER BY position LIMIT $2) next
    WHERE next.position < h.horizon) e ON true`;
export const READ_LOG = readLogQuery(EVENT_COLUMNS);
export const READ_LOG_SOME_METADATA = readLogQuery(SOME_METADATA_COLUMNS);
const READ_LOG_CHAINED_PLACES = readLogQuery(CHAINED_PLACE_COLUMNS);

/** What a read of the log selects. */
interface LogRead {
  /** Only these types' metadata (see `metadataToRead`). */
  some?: readonly string[];
  asStored?: boolean;
  omitChainedContent?: boolean;
}

const EXPECTED_HASH = `sha256(coalesce(p.hash, ''::bytea) || ${digestOf('e.event_id::text', 'e.type', 'e.data', 'e.metadata')})`;

/**
 * Each event against its stream's previous event as stored (hash-chain.ts): what is wrong with it, if
 * anything. Every event is checked on its own, so slices of the log can be checked in any order.
 */
const chainChecks = (where: string, columns = '') => `
  SELECT e.position, e.hash IS NOT NULL AS sealed,
         CASE WHEN e.revision > 0 AND p.position IS NULL THEN 'revision_gap'
              WHEN e.hash IS NULL AND p.hash IS NOT NULL THEN 'unsealed_after_sealed'
              WHEN e.hash IS NOT NULL AND e.hash <> ${EXPECTED_HASH} THEN 'hash_mismatch'
         END AS kind${columns}
    FROM event_store.events e
    LEFT JOIN event_store.events p ON p.stream_id = e.stream_id AND p.revision = e.revision - 1
   WHERE ${where}`;
/** The chain of the events in ($1, $2]: how many, and the position of the first broken one. */
const VERIFY_CHAIN = `SELECT count(*) FILTER (WHERE sealed)::int AS sealed, count(*) FILTER (WHERE NOT sealed)::int AS unsealed,
  min(position) FILTER (WHERE kind IS NOT NULL) AS broken FROM (${chainChecks('e.position > $1 AND e.position <= $2')}) checked`;
const CHAIN_BREAK_AT = chainChecks('e.position = $1', `, encode(${EXPECTED_HASH}, 'hex') AS expected`);

export interface LogBatch {
  events: RecordedEvent[];
  /** Committed events exist beyond what could be read safely: a transaction below them is still open. */
  blocked: boolean;
}

const reconcilingPools = new WeakSet<Pool>();

/**
 * A new connection may reach a server restored since the last start. pg-pool's `onConnect` hook
 * finishes this query before the connection is handed out (the 'connect' event would race the
 * first query, which pg 9 will refuse). Once per pool, however many stores share it.
 */
function reconcileOnConnect(pool: Pool): void {
  if (reconcilingPools.has(pool)) return;
  reconcilingPools.add(pool);
  const options = (pool as unknown as { options: { onConnect?: (client: PoolClient) => Promise<void> } }).options;
  const previous = options.onConnect;
  options.onConnect = async (client) => {
    await previous?.(client);
    await client.query(RECONCILE_XID_OFFSET).catch(() => undefined);
  };
}

export class PostgresEventStore implements EventStore {
  readonly capabilities = { uniqueEventIds: true };
  readonly sqlLog: SqlLog = {
    isIn: (pool) => pool === this.pool,
    select: (after, to) => ({
      text: `SELECT position, stream_id, revision, event_id, type, data, metadata, recorded_at FROM event_store.events WHERE position > $1 AND position <= $2 AND type <> ALL ($3)`,
      values: [after.toString(), to.toString(), this.upcasters.types()],
    }),
    asStored: (type) => !this.upcasters.changes(type),
  };
  private readonly limits: AppendLimits;
  private readonly upcasters: UpcasterChain;
  private readonly horizon: HorizonTracker;
  private readonly wake = new EventEmitter();
  private readonly pollIntervalMs: number;
  private readonly subscriptions = new Set<PostgresSubscription>();
  private listener?: Client;
  private listenerStarting?: Promise<void>;
  private readonly groups: AppendGroups<GroupedAppend, AppendResult>;
  private notifyState: 'idle' | 'sending' | 'pending' = 'idle';
  private closed = false;

  constructor(
    private readonly pool: Pool,
    private readonly options: PostgresEventStoreOptions = {},
  ) {
    this.limits = { ...DEFAULT_APPEND_LIMITS, ...options.limits };
    this.upcasters = new UpcasterChain(options.upcasters);
    this.horizon = new HorizonTracker(pool, options.horizonStallMs ?? 5000, options.observer);
    this.pollIntervalMs = options.pollIntervalMs ?? 250;
    this.wake.setMaxListeners(0);
    this.groups = new AppendGroups({ ...DEFAULT_APPEND_GROUP_LIMITS, ...options.groups }, (group) =>
      this.sendGroup(group),
    );
    reconcileOnConnect(pool);
  }

  /** Applies the event store's migrations; safe to call from several processes at once. */
  static async migrate(pool: Pool): Promise<void> {
    await runMigrations(pool, 'event_store', EVENT_STORE_MIGRATIONS);
    await pool.query(RECONCILE_XID_OFFSET);
  }

  async append(streamId: string, events: EventToAppend[], expected: ExpectedRevision): Promise<AppendResult> {
    validateStreamName(streamId);
    const expectation = validateExpectedRevision(expected);
    const prepared = prepareEvents(events, this.limits);
    return new Promise((resolve, reject) =>
      this.groups.submit({ streamId, expectation, prepared, events: prepared.length, resolve, reject }),
    );
  }

  /** Sends a group of appends (append-groups.ts) as one statement; a group of one as before. */
  private async sendGroup(group: GroupedAppend[]): Promise<void> {
    this.options.observer?.appendGroupSent?.(group.length);
    if (group.length === 1) return settle(group[0], () => this.appendAlone(group[0]));
    let rows: GroupRow[];
    try {
      ({ rows } = await this.pool.query<GroupRow>({
        name: 'event_store_append_group',
        text: APPEND_GROUP,
        values: groupValues(group),
      }));
    } catch {
      // Something in the group broke the statement (a rival took a revision, a retried event id…),
      // and the error does not say which append: each goes again alone, for an answer of its own.
      await Promise.all(group.map((append) => settle(append, () => this.appendAlone(append))));
      return;
    }
    if (rows.length > 0) this.signalAppended();
    const last = new Map<string, GroupRow>();
    for (const row of rows)
      if (BigInt(row.revision) > BigInt(last.get(row.stream_id)?.revision ?? -1)) last.set(row.stream_id, row);
    await Promise.all(
      group.map((append) =>
        settle(append, async () => {
          const row = last.get(append.streamId);
          return row ? appendedResult(append.streamId, row) : this.refused(append);
        }),
      ),
    );
  }

  /** One append in its own statement; with `any`, again after a rival took the revision. */
  private async appendAlone(request: AppendRequest): Promise<AppendResult> {
    const { streamId, expectation, prepared } = request;
    const statement = appendStatementOf(streamId, expectation, prepared);
    for (let attempt = 0; ; attempt++) {
      let rows: AppendedRow[];
      try {
        ({ rows } = await this.pool.query<AppendedRow>(statement));
      } catch (error) {
        const { code, constraint } = error as PgError;
        if (code !== '23505') throw error;
        // Another appender committed first: an earlier attempt of this very append, or a rival.
        const recorded = await this.findRecorded(streamId, expectation, prepared);
        if (recorded.retryOf) return recorded.retryOf;
        if (constraint === 'events_stream_revision_key' && expectation === 'any' && attempt < MAX_ANY_RETRIES) continue;
        if (constraint === 'events_stream_revision_key') {
          throw new WrongExpectedVersionError(streamId, expectation, await this.currentRevision(streamId));
        }
        if (recorded.clash) {
          throw new DuplicateEventIdError(
            recorded.clash.event_id,
            recorded.clash.stream_id,
            BigInt(recorded.clash.revision),
          );
        }
        throw error;
      }
      if (rows.length === 0) return this.refused(request);
      this.signalAppended();
      return appendedResult(streamId, rows[rows.length - 1]);
    }
  }

  /** An append that inserted nothing: the retry of one recorded before, or a failed expectation. */
  private async refused({ streamId, expectation, prepared }: AppendRequest): Promise<AppendResult> {
    const recorded = await this.findRecorded(streamId, expectation, prepared);
    if (recorded.retryOf) return recorded.retryOf;
    throw new WrongExpectedVersionError(streamId, expectation, await this.currentRevision(streamId));
  }

  /**
   * Looks up the ids of a failed append. `retryOf` is set when it is the retry of an append that
   * succeeded: all ids recorded, in order, on this stream, where the expectation puts them. Throws
   * when an id is recorded on another stream; `clash` is an id already recorded on this one.
   */
  private async findRecorded(
    streamId: string,
    expected: ExpectedRevision,
    events: PreparedEvent[],
  ): Promise<{ retryOf?: AppendResult; clash?: RecordedIdRow }> {
    const { rows } = await this.pool.query<RecordedIdRow>(
      'SELECT event_id, stream_id, revision, position FROM event_store.events WHERE event_id = ANY($1::uuid[])',
      [events.map((e) => e.eventId)],
    );
    if (rows.length === 0) return {};
    const elsewhere = rows.find((r) => r.stream_id !== streamId);
    if (elsewhere) throw new DuplicateEventIdError(elsewhere.event_id, elsewhere.stream_id, BigInt(elsewhere.revision));
    const byId = new Map(rows.map((r) => [r.event_id, r]));
    const first = byId.get(events[0].eventId);
    const firstRevision = first ? BigInt(first.revision) : -1n;
    const isRetry =
      rows.length === events.length &&
      events.every((e, i) => byId.get(e.eventId)?.revision === (firstRevision + BigInt(i)).toString()) &&
      (expected === 'any' ||
        (expected === 'no_stream' && firstRevision === 0n) ||
        (expected === 'stream_exists' && firstRevision > 0n) ||
        (typeof expected === 'bigint' && firstRevision === expected + 1n));
    if (!isRetry) return { clash: rows[0] };
    const last = byId.get(events[events.length - 1].eventId)!;
    return {
      retryOf: { streamId, nextRevision: BigInt(last.revision), position: BigInt(last.position), idempotent: true },
    };
  }

  private async currentRevision(streamId: string): Promise<bigint | 'no_stream'> {
    const { rows } = await this.pool.query<{ revision: string | null }>(
      'SELECT max(revision) AS revision FROM event_store.events WHERE stream_id = $1',
      [streamId],
    );
    return rows[0].revision === null ? 'no_stream' : BigInt(rows[0].revision);
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    validateStreamName(streamId);
    const limit = validateLimit(options.limit, Number.MAX_SAFE_INTEGER);
    const backward = options.direction === 'backward';
    const from = options.fromRevision ?? (backward ? BigInt(Number.MAX_SAFE_INTEGER) : 0n);
    const { rows } = await this.pool.query<EventRow>(
      backward
        ? `SELECT ${EVENT_COLUMNS} FROM event_store.events WHERE stream_id = $1 AND revision <= $2 ORDER BY revision DESC LIMIT $3`
        : `SELECT ${EVENT_COLUMNS} FROM event_store.events WHERE stream_id = $1 AND revision >= $2 ORDER BY revision LIMIT $3`,
      [streamId, from.toString(), limit],
    );
    return rows.map((row) => this.toRecorded(row));
  }

  async readAll(options: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    const after = validatePosition(options.after, 'after');
    const limit = validateLimit(options.limit, 1000);
    return (await this.readLog(after, limit, { ...options, some: this.metadataToRead(options.metadataOf) })).events;
  }

  /** The types whose metadata a read asking for `metadataOf` sends: those, and the types upcast on read (their upcasters see it). */
  private metadataToRead(metadataOf?: ReadonlySet<string>): string[] | undefined {
    return metadataOf && [...new Set([...metadataOf, ...this.upcasters.types()])];
  }

  /**
   * One batch of the log after `after`, never past a transaction that may still commit below it. With
   * `some` (see `metadataToRead`), only events of those types carry their metadata: the others' is not
   * sent. `asStored` skips upcasting.
   */
  async readLog(
    after: bigint,
    limit: number,
    { some, asStored = false, omitChainedContent }: LogRead = {},
  ): Promise<LogBatch> {
    const { rows } = await this.pool.query<EventRow & { horizon: string; blocked: boolean }>(
      omitChainedContent
        ? { name: 'event_store_read_log_places', text: READ_LOG_CHAINED_PLACES, values: [after.toString(), limit] }
        : some
          ? {
              name: 'event_store_read_log_some_metadata',
              text: READ_LOG_SOME_METADATA,
              values: [after.toString(), limit, some],
            }
          : { name: 'event_store_read_log', text: READ_LOG, values: [after.toString(), limit] },
    );
    const events = rows[0].position === null ? [] : rows.map((row) => this.toRecorded(row, asStored));
    const { horizon, blocked } = rows[0];
    if (!blocked || events.length === limit) {
      this.horizon.flowing();
      return { events, blocked: false };
    }
    const wider = await this.horizon.stalled(BigInt(horizon));
    if (wider === undefined) return { events, blocked: true };
    const from = events.length > 0 ? events[events.length - 1].position : after;
    const { rows: more } = await this.pool.query<EventRow>(
      `SELECT ${omitChainedContent ? CHAINED_PLACE_COLUMNS : some ? SOME_METADATA_COLUMNS : EVENT_COLUMNS} FROM event_store.events WHERE position > $1 AND position < $2 ORDER BY position LIMIT $${some && !omitChainedContent ? 4 : 3}`,
      [from.toString(), wider.toString(), ...(some && !omitChainedContent ? [some] : []), limit - events.length],
    );
    return { events: [...events, ...more.map((row) => this.toRecorded(row, asStored))], blocked: true };
  }

  subscribeToAll(options: SubscribeOptions, handler: BatchHandler): Subscription {
    const after = validatePosition(options.after, 'after');
    const batchSize = validateLimit(options.batchSize, 500, 'batchSize');
    const metadata = this.metadataToRead(options.metadataOf);
    const subscription = new PostgresSubscription(
      { readLog: (from, limit) => this.readLog(from, limit, { ...options, some: metadata }) },
      this.wake,
      this.pollIntervalMs,
      after,
      batchSize,
      options.onCaughtUp,
      handler,
      this.options.observer,
    );
    this.subscriptions.add(subscription);
    void subscription.done.finally(() => this.subscriptions.delete(subscription)).catch(() => undefined);
    void this.startListener();
    return subscription;
  }

  async verifyChain(after: bigint, to: bigint): Promise<ChainReport> {
    const { rows } = await this.pool.query<{ sealed: number; unsealed: number; broken: string | null }>(VERIFY_CHAIN, [
      after.toString(),
      to.toString(),
    ]);
    const [{ sealed, unsealed, broken }] = rows;
    if (broken === null) return { sealed, unsealed };
    return { sealed, unsealed, broken: await this.chainBreakAt(BigInt(broken)) };
  }

  /** What is wrong with the event at `position`, told as `ChainVerifier` tells it. */
  private async chainBreakAt(position: bigint): Promise<ChainBreak> {
    const [{ rows: checks }, { rows: events }] = await Promise.all([
      this.pool.query<{ kind: ChainBreak['kind']; expected: string }>(CHAIN_BREAK_AT, [position.toString()]),
      this.pool.query<EventRow>(`SELECT ${EVENT_COLUMNS} FROM event_store.events WHERE position = $1`, [
        position.toString(),
      ]),
    ]);
    const event = this.toRecorded(events[0], true);
    const { kind, expected } = checks[0];
    if (kind === 'revision_gap') return { kind, event, expectedRevision: event.revision - 1n };
    if (kind === 'hash_mismatch') return { kind, event, expected };
    return { kind, event };
  }

  async headPosition(): Promise<bigint> {
    const { rows } = await this.pool.query<{ head: string }>(
      'SELECT coalesce(max(position), 0) AS head FROM event_store.events WHERE position < event_store.horizon()',
    );
    return BigInt(rows[0].head);
  }

  async positionOf(eventId: string): Promise<bigint | undefined> {
    const { rows } = await this.pool.query<{ position: string }>(
      'SELECT position FROM event_store.events WHERE event_id = $1',
      [eventId],
    );
    return rows[0] && BigInt(rows[0].position);
  }

  async lastPosition(): Promise<bigint> {
    const { rows } = await this.pool.query<{ last: string }>(
      'SELECT coalesce(max(position), 0) AS last FROM event_store.events',
    );
    return BigInt(rows[0].last);
  }

  async close(): Promise<void> {
    this.closed = true;
    await Promise.all([...this.subscriptions].map((s) => s.stop()));
    await this.listener?.end().catch(() => undefined);
    this.listener = undefined;
  }

  private toRecorded(row: EventRow, asStored = false): RecordedEvent {
    const event: RecordedEvent = {
      eventId: row.event_id,
      type: row.type,
      data: row.data,
      metadata: row.metadata ?? {},
      streamId: row.stream_id,
      revision: BigInt(row.revision),
      position: BigInt(row.position),
      recordedAt: new Date(row.recorded_at),
    };
    if (row.hash !== null) event.hash = row.hash;
    return asStored ? event : this.upcasters.apply(event);
  }

  /**
   * Wakes local subscribers at once, and other processes through NOTIFY: at most one in flight and
   * one per NOTIFY_INTERVAL_MS, so a busy appender does not pay a second commit per append.
   */
  private signalAppended(): void {
    this.wake.emit('appended');
    if (this.notifyState !== 'idle') {
      this.notifyState = 'pending';
      return;
    }
    this.notifyState = 'sending';
    const send = (): void => {
      this.pool
        .query(`SELECT pg_notify('${NOTIFY_CHANNEL}', '')`)
        .catch(() => undefined)
        .finally(() =>
          setTimeout(() => {
            if (this.notifyState === 'pending' && !this.closed) {
              this.notifyState = 'sending';
              send();
            } else {
              this.notifyState = 'idle';
            }
          }, NOTIFY_INTERVAL_MS),
        );
    };
    send();
  }

  private startListener(): Promise<void> {
    if (!this.options.listenConnectionString || this.listener || this.closed) return Promise.resolve();
    this.listenerStarting ??= (async () => {
      const client = new Client({
        connectionString: this.options.listenConnectionString,
        application_name: 'event-store-listener',
      });
      client.on('notification', () => this.wake.emit('appended'));
      client.on('error', () => {
        // Subscriptions keep polling meanwhile; reconnect while any is live.
        if (this.listener === client) this.listener = undefined;
        void client.end().catch(() => undefined);
        if (!this.closed && this.subscriptions.size > 0)
          setTimeout(() => void this.startListener(), LISTEN_RETRY_MS).unref();
      });
      try {
        await client.connect();
        await client.query(`LISTEN ${NOTIFY_CHANNEL}`);
        if (this.closed) await client.end();
        else this.listener = client;
      } catch {
        await client.end().catch(() => undefined);
      } finally {
        this.listenerStarting = undefined;
      }
    })();
    return this.listenerStarting;
  }
}
