import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { DomainError, fold, type Decider, type DomainEvent } from '@app/domain';
import {
  DuplicateEventIdError,
  EVENT_STORE,
  WrongExpectedVersionError,
  type EventStore,
  type JsonObject,
  type JsonValue,
  type RecordedEvent,
} from '@app/event-store';
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

/** The domain's `fold` over events as the log recorded them: the one way a stream becomes a state. */
export function foldRecorded<C, E extends DomainEvent, S>(
  decider: Decider<C, E, S>,
  recorded: RecordedEvent[],
  from: S = decider.initialState,
): S {
  return fold(
    decider,
    recorded.map(({ type, data }) => ({ type, data }) as E),
    from,
  );
}

/** Reads a stream and folds it through the decider's `evolve`; `lookFor` finds an event id on the way. */
async function loadAggregate<C, E extends DomainEvent, S>(
  store: EventStore,
  streamId: string,
  decider: Decider<C, E, S>,
  lookFor?: string,
): Promise<LoadedAggregate<S>> {
  const recorded = await store.readStream(streamId);
  const state = foldRecorded(decider, recorded);
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
   * A stream's state now, for another command's facts (the account a ticket opens on): the state
   * this process last saw of it, folded on with what the log holds after it, usually nothing. As
   * current as a full read, without reading, parsing and opening the whole stream every time.
   */
  async current<C, E extends DomainEvent, S>(streamId: string, decider: Decider<C, E, S>): Promise<S> {
    const seen = this.cache.get<S>(streamId);
    const after = await this.store.readStream(streamId, { fromRevision: (seen?.revision ?? -1n) + 1n });
    const last = after.at(-1);
    if (!last) return seen?.state ?? decider.initialState;
    const state = foldRecorded(decider, after, seen?.state);
    this.cache.set(streamId, { state, revision: last.revision, position: last.position });
    return state;
  }

  /**
   * Runs one command against one stream: `commandAt` builds the decider's command for the instant
   * `at` (the request's `occurredAt`, else now), which also becomes the events' `occurredAt`.
   * Callers annotate the builder, `(at): TicketCommand => ({ kind: 'AddNote', … })`: inside a
   * generic call TypeScript would widen `kind` to string before it knows the decider's type.
   */
  async execute<C, E extends DomainEvent, S>(
    streamId: string,
    decider: Decider<C, E, S>,
    commandAt: (at: string) => NoInfer<C>,
    meta: CommandMeta,
  ): Promise<CommandResult> {
    const aggregate = /^(sla-policy|[a-z]+)-/.exec(streamId)?.[1] ?? 'other';
    try {
      const result = await this.decideAndAppend({
        streamId,
        aggregate,
        decider,
        commandAt,
        context: this.contextOf(meta),
      });
      this.observer.completed(aggregate, result.appended > 0 ? 'appended' : 'unchanged', result.appended);
      return result;
    } catch (error) {
      this.observer.completed(aggregate, outcomeOf(error), 0);
      throw error;
    }
  }

  private contextOf(meta: CommandMeta): CommandContext {
    const context = { ...meta, occurredAt: meta.occurredAt ?? this.clock.now().toISOString() };
    // A keyed retry whose first attempt was recorded: the log finds it by event id where ids are
    // unique; elsewhere the stream is read for the key's first event id on every load (no cache).
    const keyed = context.eventIdSeed !== undefined && !this.store.capabilities.uniqueEventIds;
    return { ...context, lookFor: keyed ? deterministicUuid(`${context.eventIdSeed}:0`) : undefined };
  }

  /**
   * Load, decide, append; again on a fresh read when a cached state may have misled (see the class
   * comment) or, a bounded number of times, when another writer won the race.
   */
  private async decideAndAppend<C, E extends DomainEvent, S>(run: Run<C, E, S>): Promise<CommandResult> {
    let loaded = await this.load(run, true);
    for (let conflicts = 0; ;) {
      const step = await this.decide(run, loaded);
      if (step.kind === 'done') return step.result;
      if (step.kind === 'raced' && !loaded.fromCache && (conflicts += 1) > this.retries)
        throw new WriteConflictError(run.streamId, conflicts);
      if (step.kind === 'raced' && !loaded.guessed) this.observer.retried(run.aggregate);
      loaded = await this.load(run, false);
    }
  }

  /**
   * The stream's state: the one this process last wrote when allowed, else folded from the log. A
   * stream this process knows nothing of is first taken to be new: a command that creates it then
   * costs one round trip, the append, which names `no_stream`; if the stream exists after all, the
   * append fails, and so does any other decision on that guess, and the stream is read (the class
   * comment's rule, as for a cached state).
   */
  private async load<C, E extends DomainEvent, S>(run: Run<C, E, S>, cacheAllowed: boolean): Promise<Loaded<S>> {
    if (cacheAllowed && run.context.lookFor === undefined) {
      const cached = this.cache.get<S>(run.streamId);
      if (cached) return { ...cached, fromCache: true };
      return { state: run.decider.initialState, revision: -1n, position: 0n, fromCache: true, guessed: true };
    }
    return { ...(await loadAggregate(this.store, run.streamId, run.decider, run.context.lookFor)), fromCache: false };
  }

  /** Decides on a loaded state and appends: an answer, or a reason to load again (`stale` cache, `raced` append). */
  private async decide<C, E extends DomainEvent, S>(run: Run<C, E, S>, loaded: Loaded<S>): Promise<Step> {
    const { streamId, context } = run;
    if (loaded.found) return done(this.answerRecorded(loaded.found));
    if (context.expectedRevision !== undefined && context.expectedRevision !== loaded.revision) {
      if (loaded.fromCache) return { kind: 'stale' };
      throw new PreconditionFailedError(streamId, context.expectedRevision, loaded.revision);
    }
    let events: E[];
    try {
      events = run.decider.decide(run.commandAt(context.occurredAt), loaded.state);
    } catch (error) {
      if (loaded.fromCache) return { kind: 'stale' };
      throw error;
    }
    if (events.length === 0)
      return loaded.fromCache
        ? { kind: 'stale' }
        : done({ streamId, revision: loaded.revision, position: loaded.position, appended: 0 });
    return this.append(run, loaded, events);
  }

  private async append<C, E extends DomainEvent, S>(run: Run<C, E, S>, loaded: Loaded<S>, events: E[]): Promise<Step> {
    const { streamId, context } = run;
    try {
      const seeded = context.eventIdSeed;
      const result = await this.store.append(
        streamId,
        events.map((event, index) => ({
          eventId: seeded === undefined ? randomUUID() : deterministicUuid(`${seeded}:${index}`),
          type: event.type,
          data: event.data as JsonValue,
          metadata: metadataOf(event, context),
        })),
        loaded.revision < 0n ? 'no_stream' : loaded.revision,
        // Random ids are new on every attempt: only a keyed command can be a retry.
        { freshIds: seeded === undefined },
      );
      if (result.idempotent) this.cache.delete(streamId);
      else
        this.cache.set(streamId, {
          state: events.reduce(run.decider.evolve, loaded.state),
          revision: result.nextRevision,
          position: result.position,
        });
      return done({
        streamId,
        revision: result.nextRevision,
        position: result.position,
        appended: result.idempotent ? 0 : events.length,
      });
    } catch (error) {
      this.cache.delete(streamId);
      if (error instanceof WrongExpectedVersionError) {
        const actual = error.actual === 'no_stream' ? -1n : error.actual;
        if (context.expectedRevision !== undefined)
          throw new PreconditionFailedError(streamId, context.expectedRevision, actual);
        return { kind: 'raced' };
      }
      if (error instanceof DuplicateEventIdError && context.eventIdSeed !== undefined)
        return done(await this.alreadyRecorded(error));
      throw error;
    }
  }

  /** A keyed retry whose first attempt was appended but never answered: answer with what was recorded. */
  private async alreadyRecorded(error: DuplicateEventIdError): Promise<CommandResult> {
    const [event] = await this.store.readStream(error.existingStreamId, {
      fromRevision: error.existingRevision,
      limit: 1,
    });
    return this.answerRecorded(event);
  }

  private answerRecorded(event: RecordedEvent): CommandResult {
    return { streamId: event.streamId, revision: event.revision, position: event.position, appended: 0 };
  }
}

interface CommandContext extends CommandMeta {
  occurredAt: string;
  /** The event id of a keyed command's first attempt, looked for in the stream where ids are not unique. */
  lookFor?: string;
}

/** One command's run through the executor. */
interface Run<C, E extends DomainEvent, S> {
  streamId: string;
  /** The aggregate kind (`ticket`, `sla-policy`…), for metrics. */
  aggregate: string;
  decider: Decider<C, E, S>;
  commandAt: (at: string) => C;
  context: CommandContext;
}

/** `fromCache`: not read from the log for this command (cached, or `guessed` to be a new stream). */
type Loaded<S> = LoadedAggregate<S> & { fromCache: boolean; guessed?: boolean };

type Step = { kind: 'done'; result: CommandResult } | { kind: 'stale' } | { kind: 'raced' };

const done = (result: CommandResult): Step => ({ kind: 'done', result });

function metadataOf(event: DomainEvent, context: CommandContext): JsonObject {
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
