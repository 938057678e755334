import {
  BACKWARDS,
  END,
  ErrorType,
  EventStoreDBClient,
  FORWARDS,
  NO_STREAM,
  START,
  jsonEvent,
  type AllStreamResolvedEvent,
  type ResolvedEvent,
  type WrongExpectedVersionError as ClientWrongExpectedVersion,
} from '@eventstore/db-client';
import {
  DEFAULT_APPEND_LIMITS,
  prepareEvents,
  validateExpectedRevision,
  validateLimit,
  validatePosition,
  validateStreamName,
  type AppendLimits,
} from '../append-validation';
import { EventStoreUnavailableError, InvalidAppendError, WrongExpectedVersionError } from '../event-store.errors';
import type {
  AppendOptions,
  AppendResult,
  BatchHandler,
  EventStore,
  EventToAppend,
  ExpectedRevision,
  JsonObject,
  JsonValue,
  ReadAllOptions,
  ReadStreamOptions,
  RecordedEvent,
  SubscribeOptions,
  Subscription,
} from '../event-store.port';
import { chainHashes, contentDigest } from '../hash-chain';
import { UpcasterChain, type Upcaster } from '../upcasters';
import { EventStoreDbSubscription, type SubscriptionObserver } from './eventstoredb-subscription';

export interface EventStoreDbOptions {
  limits?: Partial<AppendLimits>;
  upcasters?: readonly Upcaster[];
  observer?: SubscriptionObserver;
}

type ClientEvent = NonNullable<ResolvedEvent['event']>;

/** The metadata key that holds an event's chain hash (hash-chain.ts); reads move it to `hash`. */
const HASH_KEY = '$hash';
const MAX_CHAIN_RETRIES = 20;
const MAX_CACHED_TAILS = 10_000;

interface StreamTail {
  revision: bigint;
  hash: Buffer | undefined;
}

const TRANSIENT = new Set<string>([
  ErrorType.UNAVAILABLE,
  ErrorType.DEADLINE_EXCEEDED,
  ErrorType.NOT_LEADER,
  ErrorType.TIMEOUT,
  ErrorType.CANCELLED,
]);

/** System streams and events (`$`-prefixed) are EventStoreDB's own, never the product's. */
function isSystemEvent(event: { streamId: string; type: string }): boolean {
  return event.streamId.startsWith('$') || event.type.startsWith('$');
}

/**
 * The event store port on EventStoreDB / KurrentDB (22.6 or later: positions on stream reads;
 * 23.10 or later: caught-up notifications) through `@eventstore/db-client` over gRPC.
 *
 * Positions are commit positions of `$all`. Every event the product appends is its own
 * implicitly committed record there, so the commit position is unique per event; reads check it
 * and stop rather than skip if it ever is not. Idempotence is EventStoreDB's: ids are compared
 * where the expectation puts them (see `capabilities`); a retry is recognised before it is sent
 * so that it reports `idempotent: true` with the first result (one stream read, skipped when the
 * caller vouches for fresh ids).
 */
export class EventStoreDbEventStore implements EventStore {
  readonly capabilities = { uniqueEventIds: false };
  private readonly client: EventStoreDBClient;
  private readonly limits: AppendLimits;
  private readonly upcasters: UpcasterChain;
  private readonly subscriptions = new Set<EventStoreDbSubscription>();
  private readonly tails = new Map<string, StreamTail>();

  constructor(
    connectionString: string,
    private readonly options: EventStoreDbOptions = {},
  ) {
    this.client = EventStoreDBClient.connectionString(connectionString);
    this.limits = { ...DEFAULT_APPEND_LIMITS, ...options.limits };
    this.upcasters = new UpcasterChain(options.upcasters);
  }

  async append(
    streamId: string,
    events: EventToAppend[],
    expected: ExpectedRevision,
    options: AppendOptions = {},
  ): Promise<AppendResult> {
    validateStreamName(streamId);
    const expectation = validateExpectedRevision(expected);
    const prepared = prepareEvents(events, this.limits);
    const ids = prepared.map((event) => event.eventId);
    const retryOf = options.freshIds ? undefined : await this.findRetry(streamId, expectation, ids);
    if (retryOf) return retryOf;
    const digests = prepared.map((event, index) =>
      contentDigest({
        eventId: event.eventId,
        type: event.type,
        data: events[index].data,
        metadata: events[index].metadata ?? {},
      }),
    );
    for (let attempt = 0; ; attempt++) {
      // The chain needs the stream's last hash: the append then expects exactly that last event, so
      // a rival append in between fails it (and an 'any' or 'stream_exists' append chains again).
      const tail = await this.tail(streamId, expectation);
      const hashes = chainHashes(tail?.hash, digests);
      try {
        const result = await this.client.appendToStream(
          streamId,
          prepared.map((event, index) =>
            jsonEvent({
              id: event.eventId,
              type: event.type,
              data: events[index].data as never,
              metadata: { ...events[index].metadata, [HASH_KEY]: hashes[index].toString('hex') },
            }),
          ),
          { expectedRevision: tail ? tail.revision : NO_STREAM },
        );
        const position = result.position?.commit;
        if (position === undefined) {
          // Servers before IdempotentLogPosition answer an idempotent write (one that raced the check above) without a position.
          const recorded = await this.findRetry(streamId, expectation, ids);
          if (recorded) return recorded;
          throw new EventStoreUnavailableError(
            `EventStoreDB acknowledged the append to ${streamId} without a position`,
          );
        }
        this.remember(streamId, { revision: result.nextExpectedRevision, hash: hashes[hashes.length - 1] });
        return { streamId, nextRevision: result.nextExpectedRevision, position, idempotent: false };
      } catch (error) {
        this.tails.delete(streamId);
        const raced = (error as { type?: string }).type === ErrorType.WRONG_EXPECTED_VERSION;
        if (raced && typeof expectation !== 'bigint' && expectation !== 'no_stream' && attempt < MAX_CHAIN_RETRIES)
          continue;
        throw this.translate(error, streamId, expectation);
      }
    }
  }

  /** The stream's last revision and hash (undefined: no stream), checked against what the caller expects. */
  private async tail(streamId: string, expected: ExpectedRevision): Promise<StreamTail | undefined> {
    let tail = this.tails.get(streamId);
    if (!tail || (typeof expected === 'bigint' && tail.revision !== expected)) {
      const [last] = await this.readStream(streamId, { direction: 'backward', limit: 1 });
      tail = last && {
        revision: last.revision,
        hash: last.hash === undefined ? undefined : Buffer.from(last.hash, 'hex'),
      };
      if (tail) this.remember(streamId, tail);
    }
    const fits =
      expected === 'any' ||
      (expected === 'no_stream' && !tail) ||
      (expected === 'stream_exists' && tail) ||
      (typeof expected === 'bigint' && tail?.revision === expected);
    if (!fits) throw new WrongExpectedVersionError(streamId, expected, tail ? tail.revision : 'no_stream');
    return tail;
  }

  /** A bounded cache of stream tails this process appended or read: a stale one only costs a retry. */
  private remember(streamId: string, tail: StreamTail): void {
    this.tails.delete(streamId);
    this.tails.set(streamId, tail);
    if (this.tails.size > MAX_CACHED_TAILS) this.tails.delete(this.tails.keys().next().value as string);
  }

  /**
   * An append whose ids are already where its expectation puts them is a retry of one that was
   * recorded: the events after the expected revision (or the stream's last ones for `any` and
   * `stream_exists`) carry exactly these ids.
   */
  private async findRetry(
    streamId: string,
    expected: ExpectedRevision,
    ids: string[],
  ): Promise<AppendResult | undefined> {
    const found =
      typeof expected === 'bigint' || expected === 'no_stream'
        ? await this.readStream(streamId, {
            fromRevision: expected === 'no_stream' ? 0n : expected + 1n,
            limit: ids.length,
          })
        : (await this.readStream(streamId, { direction: 'backward', limit: ids.length })).reverse();
    if (found.length !== ids.length || found.some((event, index) => event.eventId !== ids[index])) return undefined;
    const last = found[found.length - 1];
    return { streamId, nextRevision: last.revision, position: last.position, idempotent: true };
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    validateStreamName(streamId);
    const limit = validateLimit(options.limit, Number.MAX_SAFE_INTEGER);
    const backward = options.direction === 'backward';
    const read = this.client.readStream(streamId, {
      direction: backward ? BACKWARDS : FORWARDS,
      fromRevision: options.fromRevision ?? (backward ? END : START),
      maxCount: limit,
    });
    const events: RecordedEvent[] = [];
    try {
      for await (const resolved of read) if (resolved.event) events.push(this.toRecorded(resolved.event));
    } catch (error) {
      if ((error as { type?: string }).type === ErrorType.STREAM_NOT_FOUND) return [];
      throw this.translate(error, streamId);
    }
    return events;
  }

  async readAll(options: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    const after = validatePosition(options.after, 'after');
    const limit = validateLimit(options.limit, 1000);
    const events: RecordedEvent[] = [];
    let from = after;
    // A read from a position includes the event at it, and system events are dropped here (the
    // client's reads take no server-side filter): read on until `limit` events or the end.
    for (;;) {
      const wanted = limit - events.length + 1;
      let seen = 0;
      let last = from;
      try {
        for await (const resolved of this.client.readAll({
          fromPosition: from === 0n ? START : { commit: from, prepare: from },
          direction: FORWARDS,
          maxCount: wanted,
        })) {
          seen += 1;
          const event = resolved.event;
          if (!event || event.position.commit <= from) continue;
          last = nextPosition(last, event.position.commit);
          if (!isSystemEvent(event) && events.length < limit) events.push(this.toRecorded(event, options.asStored));
        }
      } catch (error) {
        throw this.translate(error);
      }
      if (events.length >= limit || seen < wanted || last === from) return events;
      from = last;
    }
  }

  subscribeToAll(options: SubscribeOptions, handler: BatchHandler): Subscription {
    const after = validatePosition(options.after, 'after');
    const batchSize = validateLimit(options.batchSize, 500, 'batchSize');
    const subscription = new EventStoreDbSubscription(
      this.client,
      after,
      batchSize,
      options.onCaughtUp,
      handler,
      (event) => this.toRecorded(event, options.asStored),
      this.options.observer,
    );
    this.subscriptions.add(subscription);
    void subscription.done.finally(() => this.subscriptions.delete(subscription)).catch(() => undefined);
    return subscription;
  }

  async headPosition(): Promise<bigint> {
    let from: typeof END | { commit: bigint; prepare: bigint } = END;
    try {
      for (;;) {
        // Read to the end of each page: leaving a read early leaves its call open (client 6.2).
        const page: AllStreamResolvedEvent[] = [];
        for await (const resolved of this.client.readAll({ fromPosition: from, direction: BACKWARDS, maxCount: 32 })) {
          if (from === END || (resolved.event && resolved.event.position.commit < from.commit)) page.push(resolved);
        }
        const newest = page.find((resolved) => resolved.event && !isSystemEvent(resolved.event));
        if (newest) return newest.event!.position.commit;
        const oldest = page.at(-1)?.event;
        if (!oldest) return 0n;
        from = oldest.position;
      }
    } catch (error) {
      throw this.translate(error);
    }
  }

  /** EventStoreDB delivers every committed event at once: its head is its last position. */
  lastPosition(): Promise<bigint> {
    return this.headPosition();
  }

  async close(): Promise<void> {
    await Promise.all([...this.subscriptions].map((subscription) => subscription.stop()));
    await this.client.dispose();
  }

  private toRecorded(event: ClientEvent, asStored = false): RecordedEvent {
    const { [HASH_KEY]: hash, ...metadata } = (event.metadata ?? {}) as JsonObject;
    const recorded: RecordedEvent = {
      eventId: event.id,
      type: event.type,
      data: event.data as JsonValue,
      metadata,
      streamId: event.streamId,
      revision: event.revision,
      position: event.position?.commit ?? 0n,
      recordedAt: event.created,
    };
    if (typeof hash === 'string') recorded.hash = hash;
    return asStored ? recorded : this.upcasters.apply(recorded);
  }

  private translate(error: unknown, streamId?: string, expected?: ExpectedRevision): unknown {
    const type = (error as { type?: string }).type;
    if (type === ErrorType.WRONG_EXPECTED_VERSION && streamId !== undefined && expected !== undefined) {
      const actual = (error as ClientWrongExpectedVersion).actualVersion;
      return new WrongExpectedVersionError(streamId, expected, typeof actual === 'bigint' ? actual : 'no_stream');
    }
    if (type === ErrorType.MAXIMUM_APPEND_SIZE_EXCEEDED)
      return new InvalidAppendError(
        'event_too_large',
        'events',
        `is larger than the server's MaxAppendSize: ${(error as Error).message}`,
      );
    if (type !== undefined && TRANSIENT.has(type))
      return new EventStoreUnavailableError(`EventStoreDB is unavailable: ${(error as Error).message}`, error);
    return error;
  }
}

/** The next position of a forward read; refuses to go on (rather than skip) when positions do not increase. */
function nextPosition(previous: bigint, position: bigint): bigint {
  if (position <= previous)
    throw new Error(
      `$all position ${position} follows ${previous}: events written in explicit transactions are not supported`,
    );
  return position;
}
