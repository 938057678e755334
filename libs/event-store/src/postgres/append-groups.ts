/** One append waiting for its group: the stream it writes and how many events it carries. */
export interface PendingAppend<R> {
  streamId: string;
  events: number;
  resolve(result: R): void;
  reject(error: unknown): void;
}

export interface AppendGroupLimits {
  /** Groups sent to the database at once; an append arriving while fewer are in flight goes at once. */
  maxInFlight: number;
  /** Events of one group (positions within a transaction are 16 bits); a larger append goes alone. */
  maxEvents: number;
}

export const DEFAULT_APPEND_GROUP_LIMITS: AppendGroupLimits = { maxInFlight: 2, maxEvents: 10_000 };

/**
 * Group commit without a timer: an append goes to the database at once while fewer than
 * `maxInFlight` groups are there, so a lone append waits for nothing. Appends that arrive while the
 * database is busy queue up, and each group that comes back sends the queue on as the next group:
 * under load, one statement and one commit carry many appends. A group never holds two appends to
 * one stream, nor one whose stream is in a group still in flight (it would be checked against a
 * revision that group is about to change): such an append waits, so appends to one stream keep
 * their order.
 */
export class AppendGroups<A extends PendingAppend<R>, R> {
  private readonly queue: A[] = [];
  /** The streams of the groups in flight. */
  private readonly busy = new Set<string>();
  private inFlight = 0;

  constructor(
    private readonly limits: AppendGroupLimits,
    /** Sends a group; settles every append of it, and never rejects. */
    private readonly send: (group: A[]) => Promise<void>,
  ) {}

  /** Queues an append; it settles when its group has been answered. */
  submit(append: A): void {
    this.queue.push(append);
    this.sendNext();
  }

  private sendNext(): void {
    while (this.inFlight < this.limits.maxInFlight && this.queue.length > 0) {
      const group = this.takeGroup();
      if (group.length === 0) return;
      this.inFlight += 1;
      group.forEach((append) => this.busy.add(append.streamId));
      void this.send(group).finally(() => {
        this.inFlight -= 1;
        group.forEach((append) => this.busy.delete(append.streamId));
        this.sendNext();
      });
    }
  }

  /** The queue's oldest appends that fit one group, one per stream, in arrival order. */
  private takeGroup(): A[] {
    const group: A[] = [];
    const streams = new Set(this.busy);
    let events = 0;
    const rest: A[] = [];
    for (const append of this.queue) {
      const fits = group.length === 0 || events + append.events <= this.limits.maxEvents;
      if (fits && !streams.has(append.streamId)) {
        group.push(append);
        events += append.events;
      } else {
        rest.push(append);
      }
      // Also when it waits: a later append to its stream must not overtake it.
      streams.add(append.streamId);
    }
    this.queue.splice(0, this.queue.length, ...rest);
    return group;
  }
}
