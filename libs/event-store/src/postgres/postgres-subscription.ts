import type { EventEmitter } from 'node:events';
import type { BatchHandler, Subscription } from '../event-store.port';
import type { HorizonObserver } from './horizon-tracker';
import type { LogBatch } from './postgres-event-store';

interface LogReader {
  readLog(after: bigint, limit: number): Promise<LogBatch>;
}

/** A transaction below the horizon is about to commit: look again soon. */
const BLOCKED_RETRY_MS = 5;
/** Live reads gather what arrived meanwhile: under load one read per interval, not one per append. */
const MIN_LIVE_READ_INTERVAL_MS = 10;
const MAX_ERROR_BACKOFF_MS = 5000;

/**
 * Pull-based catch-up subscription: every read goes through the gap-free horizon, so live and
 * catch-up delivery are the same code path. Appends in this process wake it at once, appends in
 * others through LISTEN/NOTIFY, and a poll bounds the wait when neither arrives.
 */
export class PostgresSubscription implements Subscription {
  readonly done: Promise<void>;
  private current: bigint;
  private stopped = false;
  private wakeCount = 0;
  private wakeUp?: () => void;
  private wakeable = false;
  private caughtUpAt?: bigint;

  constructor(
    private readonly reader: LogReader,
    private readonly wake: EventEmitter,
    private readonly pollIntervalMs: number,
    after: bigint,
    private readonly batchSize: number,
    private readonly onCaughtUp: ((position: bigint) => void) | undefined,
    private readonly handler: BatchHandler,
    private readonly observer?: HorizonObserver,
  ) {
    this.current = after;
    this.wake.on('appended', this.onWake);
    this.done = this.run().finally(() => this.wake.off('appended', this.onWake));
  }

  get position(): bigint {
    return this.current;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.wakeUp?.();
    await this.done.catch(() => undefined);
  }

  private readonly onWake = (): void => {
    this.wakeCount++;
    if (this.wakeable) this.wakeUp?.();
  };

  private async run(): Promise<void> {
    let errorBackoff = 0;
    let lastRead = 0;
    while (!this.stopped) {
      const sinceLastRead = Date.now() - lastRead;
      if (sinceLastRead < MIN_LIVE_READ_INTERVAL_MS) await this.sleep(MIN_LIVE_READ_INTERVAL_MS - sinceLastRead, null);
      lastRead = Date.now();
      const seen = this.wakeCount;
      let batch: LogBatch;
      try {
        batch = await this.reader.readLog(this.current, this.batchSize);
        errorBackoff = 0;
      } catch (error) {
        // The database may be restarting; the checkpoint is still right, so retry from it.
        errorBackoff = Math.min(MAX_ERROR_BACKOFF_MS, Math.max(50, errorBackoff * 2));
        this.observer?.readFailed?.(error, errorBackoff);
        await this.sleep(errorBackoff, null);
        continue;
      }
      if (batch.events.length > 0) {
        if (this.stopped) return;
        await this.handler(batch.events);
        this.current = batch.events[batch.events.length - 1].position;
        if (batch.events.length === this.batchSize) {
          lastRead = 0;
          continue;
        }
      }
      if (batch.blocked) {
        await this.sleep(BLOCKED_RETRY_MS, seen);
        continue;
      }
      if (this.caughtUpAt !== this.current) {
        this.caughtUpAt = this.current;
        this.onCaughtUp?.(this.current);
      }
      await this.sleep(this.pollIntervalMs, seen);
    }
  }

  /**
   * Sleeps until `ms` passed, stop() or, unless `seen` is null, an append; returns at once if an
   * append arrived since the wake count `seen` was taken.
   */
  private sleep(ms: number, seen: number | null): Promise<void> {
    if (this.stopped || (seen !== null && this.wakeCount !== seen)) return Promise.resolve();
    this.wakeable = seen !== null;
    return new Promise((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        this.wakeUp = undefined;
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.wakeUp = done;
    });
  }
}
