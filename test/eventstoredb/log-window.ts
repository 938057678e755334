import type {
  AppendResult,
  EventStore,
  ReadAllOptions,
  RecordedEvent,
  SubscribeOptions,
  Subscription,
} from '@app/event-store';

/**
 * A store that shows only the log after `start`, with positions counted from there, so that the
 * contract's "empty log per test" holds on a server that is never empty (a real EventStoreDB has
 * system events and earlier runs; the stand-in keeps the previous tests' events).
 */
export class LogWindow implements EventStore {
  private constructor(
    private readonly inner: EventStore,
    private readonly start: bigint,
  ) {}

  static async over(inner: EventStore): Promise<LogWindow> {
    return new LogWindow(inner, await inner.headPosition());
  }

  get capabilities(): EventStore['capabilities'] {
    return this.inner.capabilities;
  }

  async append(...args: Parameters<EventStore['append']>): Promise<AppendResult> {
    const result = await this.inner.append(...args);
    return { ...result, position: result.position - this.start };
  }

  async readStream(...args: Parameters<EventStore['readStream']>): Promise<RecordedEvent[]> {
    return (await this.inner.readStream(...args)).map(this.shift);
  }

  async readAll(options: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    return (await this.inner.readAll({ ...options, after: this.start + (options.after ?? 0n) })).map(this.shift);
  }

  subscribeToAll(options: SubscribeOptions, handler: (events: RecordedEvent[]) => Promise<void>): Subscription {
    const { start } = this;
    const inner = this.inner.subscribeToAll(
      {
        ...options,
        after: start + (options.after ?? 0n),
        onCaughtUp: options.onCaughtUp && ((position) => options.onCaughtUp?.(position - start)),
      },
      (events) => handler(events.map(this.shift)),
    );
    return {
      get position() {
        return inner.position - start;
      },
      stop: () => inner.stop(),
      done: inner.done,
    };
  }

  async headPosition(): Promise<bigint> {
    const head = await this.inner.headPosition();
    return head > this.start ? head - this.start : 0n;
  }

  async lastPosition(): Promise<bigint> {
    const last = await this.inner.lastPosition();
    return last > this.start ? last - this.start : 0n;
  }

  close(): Promise<void> {
    return this.inner.close();
  }

  private readonly shift = (event: RecordedEvent): RecordedEvent => ({
    ...event,
    position: event.position - this.start,
  });
}
