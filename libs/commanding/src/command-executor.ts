import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { DomainError, type Decider, type DomainEvent } from '@app/domain';
import { DuplicateEventIdError, EVENT_STORE, WrongExpectedVersionError, type EventStore, type JsonObject, type JsonValue, type RecordedEvent } from '@app/event-store';
import { CLOCK, type Clock } from './clock';
import type { CommandMeta } from './command-context';
import { PreconditionFailedError, WriteConflictError } from './command-errors';
import { deterministicUuid } from './deterministic-uuid';

export const COMMAND_RETRIES = Symbol('COMMAND_RETRIES');
export const COMMAND_CACHE_STREAMS = Symbol('COMMAND_CACHE_STREAMS');
export const COMMAND_OBSERVER = Symbol('COMMAND_OBSERVER');

export type CommandOutcome = 'appended' | 'unchanged' | 'refused' | 'conflict' | 'precondition_failed' | 'error';

/** What operators see of the write path (metrics): outcomes, appended events, retries after races. */
export interface CommandObserver {
  completed(aggregate: string, outcome: CommandOutcome, appended: number): void;
  retried(aggregate: string): void;
}

function outcomeOf(error: unknown): CommandOutcome {
  if (error instanceof DomainError) return 'refused';
  if (error instanceof WriteConflictError) return 'conflict';
  if (error instanceof PreconditionFailedError) return 'precondition_failed';
  return 'error';
}

export interface CommandResult {
  streamId: string;
  /** The stream's revision after the command (-1 if it still does not exist). */
  revision: bigint;
  /** Log position of the stream's last event after the command. */
  position: bigint;
  /** Events this call appended: 0 for a command that changed nothing or a retry already recorded. */
  appended: number;
  /** The id of what the command created, when the caller could not know it (a generated contact id). */
  id?: string;
}

export interface LoadedAggregate<S> {
  state: S;
  /** -1 when the stream does not exist. */
  revision: bigint;
  /** Log position of the stream's last event (0 when it does not exist). */
  position: bigint;
  /** The stream's event with the id looked for, if it has one. */
  found?: RecordedEvent;
}

/** Reads a stream and folds it through the decider's `evolve`; `lookFor` finds an event id on the way. */
export async function loadAggregate<C, E extends DomainEvent, S>(store: EventStore, streamId: string, decider: Decider<C, E, S>, lookFor?: string): Promise<LoadedAggregate<S>> {
  const recorded = await store.readStream(streamId);
  const state = recorded.reduce((folded, event) => decider.evolve(folded, { type: event.type, data: event.data } as E), decider.initialState);
  const found = lookFor === undefined ? undefined : recorded.find((event) => event.eventId === lookFor);
  return { state, revision: recorded.at(-1)?.revision ?? -1n, position: recorded.at(-1)?.position ?? 0n, found };
}

/** Recently written states by stream, least recently used first (a Map keeps insertion order). */
class StateCache {
  private readonly entries = new Map<string, LoadedAggregate<unknown>>();

  constructor(private readonly capacity: number) {}

  get<S>(streamId: string): LoadedAggregate<S> | undefined {
    const entry = this.entries.get(streamId);
    if (entry) {
      this.entries.delete(streamId);
      this.entries.set(streamId, entry);
    }
    return entry as LoadedAggregate<S> | undefined;
  }

  set(streamId: string, entry: LoadedAggregate<unknown>): void {
    this.entries.delete(streamId);
    this.entries.set(streamId, entry);
    if (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value as string);
  }

  delete(streamId: string): void {
    this.entries.delete(streamId);
  }
}

/**
 * The write path of every command (docs/design.md §1): load the stream, fold, decide, append with the
 * revision that was folded. A concurrent writer makes the append fail; then the command is decided
 * again on the new state, a bounded number of times, unless If-Match pinned the revision.
 *
 * The state this process last wrote to a stream is kept (LRU), so a command usually costs one
 * round trip, the append. That is safe because the append names the revision the state was folded
 * at: if another process wrote in between, the append fails and the command is decided again on a
 * fresh read. Only a successful append is trusted from a cached state; a refusal, a no-op or an
 * If-Match mismatch is checked again against the stream before it is answered.
 */
@Injectable()
export class CommandExecutor {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(COMMAND_RETRIES) private readonly retries: number,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(COMMAND_CACHE_STREAMS) cacheStreams: number,
    @Inject(COMMAND_OBSERVER) private readonly observer: CommandObserver,
  ) {
    this.cache = new StateCache(cacheStreams);
  }

  private readonly cache: StateCache;

  /**
   * Commands for one stream and its decider. `execute(command, meta)` then takes a builder of the
   * decider's command for the instant `at`, which also becomes the events' `occurredAt`.
   */
  on<C, E extends DomainEvent, S>(streamId: string, decider: Decider<C, E, S>): { execute(command: (at: string) => C, meta: CommandMeta): Promise<CommandResult> } {
    const aggregate = /^(sla-policy|[a-z]+)-/.exec(streamId)?.[1] ?? 'other';
    return {
      execute: async (command, meta) => {
        try {
          const result = await this.execute(streamId, aggregate, decider, command, meta);
          this.observer.completed(aggregate, result.appended > 0 ? 'appended' : 'unchanged', result.appended);
          return result;
        } catch (error) {
          this.observer.completed(aggregate, outcomeOf(error), 0);
          throw error;
        }
      },
    };
  }

  private async execute<C, E extends DomainEvent, S>(streamId: string, aggregate: string, decider: Decider<C, E, S>, command: (at: string) => C, meta: CommandMeta): Promise<CommandResult> {
    const context = { ...meta, occurredAt: meta.occurredAt ?? this.clock.now().toISOString() };
    // A keyed retry whose first attempt was recorded: the log finds it by event id where ids are
    // unique; elsewhere the stream is read for the key's first event id on every load (no cache).
    const lookFor = context.eventIdSeed === undefined || this.store.capabilities.uniqueEventIds ? undefined : deterministicUuid(`${context.eventIdSeed}:0`);
    const cached = lookFor === undefined ? this.cache.get<S>(streamId) : undefined;
    let loaded = cached ?? (await loadAggregate(this.store, streamId, decider, lookFor));
    let fromCache = cached !== undefined;
    const reload = async () => {
      loaded = await loadAggregate(this.store, streamId, decider, lookFor);
      fromCache = false;
    };
    for (let conflicts = 0; ; ) {
      if (loaded.found) return this.answerRecorded(loaded.found);
      const { state, revision, position } = loaded;
      if (context.expectedRevision !== undefined && context.expectedRevision !== revision) {
        if (fromCache) {
          await reload();
          continue;
        }
        throw new PreconditionFailedError(streamId, context.expectedRevision, revision);
      }
      let events: E[];
      try {
        events = decider.decide(command(context.occurredAt), state);
      } catch (error) {
        if (!fromCache) throw error;
        await reload();
        continue;
      }
      if (events.length === 0) {
        if (!fromCache) return { streamId, revision, position, appended: 0 };
        await reload();
        continue;
      }
      try {
        const result = await this.store.append(
          streamId,
          events.map((event, index) => ({
            eventId: context.eventIdSeed === undefined ? randomUUID() : deterministicUuid(`${context.eventIdSeed}:${index}`),
            type: event.type,
            data: event.data as JsonValue,
            metadata: metadataOf(event, context),
          })),
          revision < 0n ? 'no_stream' : revision,
          // Random ids are new on every attempt: only a keyed command can be a retry.
          { freshIds: context.eventIdSeed === undefined },
        );
        if (result.idempotent) this.cache.delete(streamId);
        else this.cache.set(streamId, { state: events.reduce(decider.evolve, state), revision: result.nextRevision, position: result.position });
        return { streamId, revision: result.nextRevision, position: result.position, appended: result.idempotent ? 0 : events.length };
      } catch (error) {
        this.cache.delete(streamId);
        if (error instanceof WrongExpectedVersionError) {
          const actual = error.actual === 'no_stream' ? -1n : error.actual;
          if (context.expectedRevision !== undefined) throw new PreconditionFailedError(streamId, context.expectedRevision, actual);
          if (!fromCache && (conflicts += 1) > this.retries) throw new WriteConflictError(streamId, conflicts);
          this.observer.retried(aggregate);
          await reload();
          continue;
        }
        if (error instanceof DuplicateEventIdError && context.eventIdSeed !== undefined) return this.alreadyRecorded(error);
        throw error;
      }
    }
  }

  /** A keyed retry whose first attempt was appended but never answered: answer with what was recorded. */
  private async alreadyRecorded(error: DuplicateEventIdError): Promise<CommandResult> {
    const [event] = await this.store.readStream(error.existingStreamId, { fromRevision: error.existingRevision, limit: 1 });
    return this.answerRecorded(event);
  }

  private answerRecorded(event: RecordedEvent): CommandResult {
    return { streamId: event.streamId, revision: event.revision, position: event.position, appended: 0 };
  }
}

function metadataOf(event: DomainEvent, context: CommandMeta & { occurredAt: string }): JsonObject {
  const accountId = (event.data as { accountId?: string }).accountId ?? null;
  return {
    schemaVersion: 1,
    occurredAt: context.occurredAt,
    actor: { kind: context.actor.kind, id: context.actor.id },
    correlationId: context.correlationId,
    causationId: context.causationId,
    accountId,
    source: context.source,
  };
}
