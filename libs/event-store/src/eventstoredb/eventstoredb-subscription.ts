import { START, excludeSystemEvents, type EventStoreDBClient, type ResolvedEvent } from '@eventstore/db-client';
import type { BatchHandler, RecordedEvent, Subscription } from '../event-store.port';

type ClientEvent = NonNullable<ResolvedEvent['event']>;

export interface SubscriptionObserver {
  /** The server went away or closed the subscription; it is resumed from its position after `retryInMs`. */
  readFailed?(error: unknown, retryInMs: number): void;
}

const MAX_BACKOFF_MS = 5000;
/** Events buffered beyond the batch in progress before the server is asked to wait (gRPC flow control). */
const BUFFERED_BATCHES = 2;

type Ended = { error: unknown } | 'stopped';

/**
 * A catch-up subscription to `$all` with EventStoreDB's server-side filter leaving out system
 * events. Events are handed over in batches of what has arrived while the handler was busy; the
 * position advances only after the handler returned. When the server goes away the subscription
 * is opened again from that position (subscriptions start after it), with doubling back-off.
 */
export class EventStoreDbSubscription implements Subscription {
  readonly done: Promise<void>;
  private current: bigint;
  private stopped = false;
  private reported?: bigint;
  private interrupt?: () => void;

  constructor(
    private readonly client: EventStoreDBClient,
    after: bigint,
    private readonly batchSize: number,
    private readonly onCaughtUp: ((position: bigint) => void) | undefined,
    private readonly handler: BatchHandler,
    private readonly toRecorded: (event: ClientEvent) => RecordedEvent,
    private readonly observer?: SubscriptionObserver,
  ) {
    this.current = after;
    this.done = this.run();
  }

  get position(): bigint {
    return this.current;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.interrupt?.();
    await this.done.catch(() => undefined);
  }

  private async run(): Promise<void> {
    let backoff = 0;
    while (!this.stopped) {
      const from = this.current;
      const ended = await this.follow();
      if (ended === 'stopped') return;
      backoff = this.current > from ? 100 : Math.min(MAX_BACKOFF_MS, Math.max(100, backoff * 2));
      this.observer?.readFailed?.(ended.error, backoff);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, backoff);
        this.interrupt = () => (clearTimeout(timer), resolve());
      });
    }
  }

  /** One server subscription from the current position, until it fails, stop() or the handler throws. */
  private follow(): Promise<Ended> {
    return new Promise<Ended>((resolve, reject) => {
      const source = this.client.subscribeToAll({
        fromPosition: this.current === 0n ? START : { commit: this.current, prepare: this.current },
        filter: excludeSystemEvents(),
      });
      const run: FollowRun = {
        source,
        queue: [],
        received: 0,
        taken: 0,
        draining: false,
        settled: false,
        settle: (outcome, failed = false) => {
          if (run.settled) return;
          run.settled = true;
          source.removeAllListeners('data');
          void source.unsubscribe().catch(() => undefined);
          if (failed) reject(outcome);
          else resolve(outcome as Ended);
        },
      };
      this.interrupt = () => {
        run.ended = 'stopped';
        if (!run.draining) run.settle('stopped');
      };
      this.listen(run);
    });
  }

  private listen(run: FollowRun): void {
    const { source, queue } = run;
    source.on('data', (resolved: ResolvedEvent) => {
      run.received += 1;
      const event = resolved.event;
      const last = queue.length > 0 ? queue[queue.length - 1].position!.commit : this.current;
      // A resumed subscription starts after the position; an event at or before it was already handled.
      if (!event || event.position!.commit <= last) {
        run.taken += 1;
        return;
      }
      queue.push(event);
      if (queue.length >= this.batchSize * BUFFERED_BATCHES) source.pause();
      void this.drain(run);
    });
    // The server says every event up to now was sent; those still inside the stream count too.
    source.on('caughtUp', () => {
      run.liveFrom = run.received + source.readableLength;
      void this.drain(run);
    });
    source.on('fellBehind', () => {
      run.liveFrom = undefined;
    });
    const failed = (error: unknown): void => {
      run.ended ??= { error };
      if (!run.draining && queue.length === 0) run.settle(run.ended);
    };
    source.on('error', failed);
    source.on('end', () => failed(new Error('EventStoreDB closed the subscription')));
  }

  /** Hands what has arrived to the handler, a batch at a time, then says when it is caught up or has ended. */
  private async drain(run: FollowRun): Promise<void> {
    if (run.draining || run.settled) return;
    run.draining = true;
    try {
      while (!this.stopped && run.queue.length > 0) {
        const batch = run.queue.splice(0, this.batchSize);
        run.taken += batch.length;
        if (run.source.isPaused() && run.queue.length < this.batchSize) run.source.resume();
        const events = batch.map(this.toRecorded);
        await this.handler(events);
        this.current = events[events.length - 1].position;
      }
    } catch (error) {
      run.settle(error as Error, true);
      return;
    } finally {
      run.draining = false;
    }
    if (this.stopped) return run.settle('stopped');
    if (run.liveFrom !== undefined && run.taken >= run.liveFrom && this.reported !== this.current) {
      this.reported = this.current;
      this.onCaughtUp?.(this.current);
    }
    if (run.ended) run.settle(run.ended);
  }
}

/** One server subscription's state: what arrived and waits, how much was counted, and how it ends. */
interface FollowRun {
  source: ReturnType<EventStoreDBClient['subscribeToAll']>;
  queue: ClientEvent[];
  /** Events the server sent, and those of them handed over or passed over. */
  received: number;
  taken: number;
  /** How many events the server had sent when it said it was caught up. */
  liveFrom?: number;
  ended?: Ended;
  draining: boolean;
  settled: boolean;
  settle: (outcome: Ended | Error, failed?: boolean) => void;
}
