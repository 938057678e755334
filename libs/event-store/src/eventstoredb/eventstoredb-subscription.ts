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
      const queue: ClientEvent[] = [];
      let received = 0;
      let taken = 0;
      let liveFrom: number | undefined;
      let ended: Ended | undefined;
      let draining = false;
      let settled = false;
      const settle = (outcome: Ended | Error, failed = false): void => {
        if (settled) return;
        settled = true;
        source.removeAllListeners('data');
        void source.unsubscribe().catch(() => undefined);
        if (failed) reject(outcome);
        else resolve(outcome as Ended);
      };
      const drain = async (): Promise<void> => {
        if (draining || settled) return;
        draining = true;
        try {
          while (!this.stopped && queue.length > 0) {
            const batch = queue.splice(0, this.batchSize);
            taken += batch.length;
            if (source.isPaused() && queue.length < this.batchSize) source.resume();
            const events = batch.map(this.toRecorded);
            await this.handler(events);
            this.current = events[events.length - 1].position;
          }
        } catch (error) {
          settle(error as Error, true);
          return;
        } finally {
          draining = false;
        }
        if (this.stopped) return settle('stopped');
        if (liveFrom !== undefined && taken >= liveFrom && this.reported !== this.current) {
          this.reported = this.current;
          this.onCaughtUp?.(this.current);
        }
        if (ended) settle(ended);
      };
      this.interrupt = () => {
        ended = 'stopped';
        if (!draining) settle('stopped');
      };
      source.on('data', (resolved: ResolvedEvent) => {
        received += 1;
        const event = resolved.event;
        const last = queue.length > 0 ? queue[queue.length - 1].position!.commit : this.current;
        // A resumed subscription starts after the position; an event at or before it was already handled.
        if (!event || event.position!.commit <= last) {
          taken += 1;
          return;
        }
        queue.push(event);
        if (queue.length >= this.batchSize * BUFFERED_BATCHES) source.pause();
        void drain();
      });
      // The server says every event up to now was sent; those still inside the stream count too.
      source.on('caughtUp', () => {
        liveFrom = received + source.readableLength;
        void drain();
      });
      source.on('fellBehind', () => {
        liveFrom = undefined;
      });
      const failed = (error: unknown): void => {
        ended ??= { error };
        if (!draining && queue.length === 0) settle(ended);
      };
      source.on('error', failed);
      source.on('end', () => failed(new Error('EventStoreDB closed the subscription')));
    });
  }
}
