/**
 * The event store port. Semantics follow EventStoreDB (docs/design.md §3): revisions count from 0 within a
 * stream, the global log is totally ordered by `position`, appends are atomic and idempotent by
 * event id.
 */

export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };
export type JsonObject = { [key: string]: JsonValue };

/** What the caller expects the stream to be before the append. A number is the last revision. */
export type ExpectedRevision = 'any' | 'no_stream' | 'stream_exists' | bigint;

export interface EventToAppend {
  /** UUID; appending the same ids again with the same expectation is a no-op that returns the first result. */
  eventId: string;
  type: string;
  data: JsonValue;
  metadata?: JsonObject;
}

export interface AppendOptions {
  /**
   * The caller vouches that these event ids were never sent before (generated for this call), so
   * the append cannot be a retry: an adapter may skip looking for an earlier attempt.
   */
  freshIds?: boolean;
}

export interface RecordedEvent<TData = JsonValue> {
  eventId: string;
  type: string;
  data: TData;
  metadata: JsonObject;
  streamId: string;
  revision: bigint;
  /** Global log position: unique, increasing in log order, sparse (like EventStoreDB commit positions). */
  position: bigint;
  recordedAt: Date;
  /** Hex SHA-256 chaining the event to its stream's previous one (see hash-chain.ts); absent on events recorded before the chain. */
  hash?: string;
  /** The data as stored, when a read shows other data (sealed personal data opened or erased): what `hash` covers. */
  storedData?: JsonValue;
}

export interface AppendResult {
  streamId: string;
  /** Revision of the last event of the stream after the append. */
  nextRevision: bigint;
  /** Position of the last appended event. */
  position: bigint;
  /** True when the events had already been appended by an earlier call with the same ids. */
  idempotent: boolean;
}

export type ReadDirection = 'forward' | 'backward';

export interface ReadStreamOptions {
  direction?: ReadDirection;
  /** Inclusive. Forward defaults to 0, backward to the end of the stream. */
  fromRevision?: bigint;
  limit?: number;
}

export interface ReadAllOptions {
  /** Exclusive: events with a greater position are returned. Defaults to the start of the log. */
  after?: bigint;
  limit?: number;
  /**
   * The event types whose metadata the caller reads. When given, an adapter may leave the metadata
   * of other events empty ({}) to read less (a rebuild reads the whole log and most of its consumers
   * never look at metadata); events of these types carry theirs as recorded.
   */
  metadataOf?: ReadonlySet<string>;
  /**
   * The event types whose personal data the caller reads. A store that seals personal data opens
   * only these; the others arrive as stored, their personal fields sealed. Other stores ignore it.
   */
  personalDataOf?: ReadonlySet<string>;
  /** Events exactly as stored, without upcasting (what their hashes cover). */
  asStored?: boolean;
  /**
   * Events that carry a chain hash may come without their data (null) and with only
   * `metadata.accountId`: a reader of hashes and places (the ledger) reads less. Events recorded
   * before the chain come whole.
   */
  omitChainedContent?: boolean;
}

export interface SubscribeOptions {
  /** Exclusive checkpoint: delivery starts with the first event after it. Defaults to the start. */
  after?: bigint;
  /** Maximum events per handler call. */
  batchSize?: number;
  /** Called every time the subscription has delivered everything committed so far. */
  onCaughtUp?: (position: bigint) => void;
  /** As for `readAll`: the types whose metadata the handler reads; the rest may arrive empty. */
  metadataOf?: ReadonlySet<string>;
  /** As for `readAll`: the types whose personal data the handler reads; the rest may arrive sealed. */
  personalDataOf?: ReadonlySet<string>;
  /** As for `readAll`: events exactly as stored, without upcasting. */
  asStored?: boolean;
  /** As for `readAll`: chained events without their content. */
  omitChainedContent?: boolean;
}

export type BatchHandler = (events: RecordedEvent[]) => Promise<void>;

export interface Subscription {
  /** Position of the last event handed to the handler and completed. */
  readonly position: bigint;
  /** Stops after the batch in progress, if any. */
  stop(): Promise<void>;
  /** Settles when the subscription ends: resolves after stop(), rejects with the handler's error. */
  readonly done: Promise<void>;
}

/** Where adapters differ within the port's semantics (docs/design.md §3); callers that depend on a difference check it. */
export interface EventStoreCapabilities {
  /**
   * Every event id is unique across the whole log: appending an id recorded anywhere else fails
   * with DuplicateEventIdError. Without it (EventStoreDB), ids are checked where the expectation
   * puts them: a retry at the same expected revision is still idempotent, but an id appended at
   * another place is recorded again.
   */
  uniqueEventIds: boolean;
}

/**
 * The log as a table of the PostgreSQL database it is stored in: a consumer working in that database
 * (a read-model rebuild) may copy events with one statement, without reading them out and back in.
 */
export interface SqlLog {
  /** Whether `pool` connects to the database that holds the log (the only place `select` may run). */
  isIn(pool: unknown): boolean;
  /**
   * A SELECT of the stored events with positions in (after, to] whose types read back as stored (see
   * `asStored`), in no particular order, with the columns position, stream_id, revision, event_id,
   * type, data and metadata (jsonb), recorded_at (timestamptz); its parameters are $1 to $3. Only up
   * to the last event a read returned: below it, nothing can be added any more. Sealed personal data
   * is selected sealed: a projection that copies keeps it so, as its `apply` keeps `storedData`.
   */
  select(after: bigint, to: bigint): { text: string; values: unknown[] };
  /**
   * Whether events of this type read back as stored, sealed personal data aside; the others (upcast
   * on read) must be taken from a read.
   */
  asStored(type: string): boolean;
}

/** The first event whose chain is broken (hash-chain.ts), and how. */
export type ChainBreak =
  | { kind: 'hash_mismatch'; event: RecordedEvent; expected: string }
  | { kind: 'unsealed_after_sealed'; event: RecordedEvent }
  | { kind: 'revision_gap'; event: RecordedEvent; expectedRevision: bigint };

export interface ChainReport {
  /** Events checked: sealed ones (with a hash) and those recorded before the chain. */
  sealed: number;
  unsealed: number;
  /** The first broken event in log order, if any. */
  broken?: ChainBreak;
}

export interface EventStore {
  readonly capabilities: EventStoreCapabilities;
  /** Present when the log is a PostgreSQL table (not on EventStoreDB). */
  readonly sqlLog?: SqlLog;
  append(
    streamId: string,
    events: EventToAppend[],
    expected: ExpectedRevision,
    options?: AppendOptions,
  ): Promise<AppendResult>;
  readStream(streamId: string, options?: ReadStreamOptions): Promise<RecordedEvent[]>;
  /** Reads the global log in order; returns only events that no later commit can precede. */
  readAll(options?: ReadAllOptions): Promise<RecordedEvent[]>;
  /** Catch-up subscription: replays from the checkpoint, then turns live. Delivers each event once, in log order. */
  subscribeToAll(options: SubscribeOptions, handler: BatchHandler): Subscription;
  /** Position of the last event delivered to subscribers so far (0 when the log is empty). */
  headPosition(): Promise<bigint>;
  /**
   * Position of the last event committed (0 when the log is empty): no append has answered a
   * higher one. It may be above `headPosition` while an earlier transaction is still open.
   */
  lastPosition(): Promise<bigint>;
  /**
   * Optional: the position of the event with this id, where the store indexes ids (PostgreSQL);
   * undefined when no such event was recorded. Without it a caller keeps its own index.
   */
  positionOf?(eventId: string): Promise<bigint | undefined>;
  /**
   * Optional: checks the hash chain of the events in (after, to] where the log is stored, each
   * against its stream's previous event as stored (hash-chain.ts): the answer `ChainVerifier` gives
   * over the log read in order, without reading it out.
   */
  verifyChain?(after: bigint, to: bigint): Promise<ChainReport>;
  close(): Promise<void>;
}

export const EVENT_STORE = Symbol('EVENT_STORE');
