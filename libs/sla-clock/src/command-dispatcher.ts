import type { Logger } from 'pino';
import type { CommandResult } from '@app/commanding';
import { DomainError } from '@app/domain';

/** One command the clock or a trigger wants sent: `key` names what it records, `stream` orders it. */
export interface ClockJob {
  key: string;
  stream: string;
  send(): Promise<CommandResult>;
  /** Called with the result when the command appended something. */
  recorded?(result: CommandResult): void;
}

/**
 * Sends the clock's commands: several streams at once, one command at a time per stream (in the
 * order given), and each key at most once until the read model has seen what the command did.
 * The read model only shows a recorded flag after the projection applies it; until then a key
 * already sent is left alone instead of being sent again on every tick. Exactly-once does not rest
 * on this (the decider records nothing twice); it only saves the work.
 */
export class CommandDispatcher {
  /** key → log position the read model must reach before the key may be sent again. */
  private readonly waiting = new Map<string, bigint>();

  constructor(
    private readonly concurrency: number,
    private readonly headPosition: () => Promise<bigint>,
    private readonly logger: Logger,
  ) {}

  /** Whether `key` still waits for the read model (at `position`) to show the effect of its last send. */
  pending(key: string, position: bigint): boolean {
    const until = this.waiting.get(key);
    if (until === undefined) return false;
    if (position >= until) {
      this.waiting.delete(key);
      return false;
    }
    return true;
  }

  /** Forgets every key: a new leader term starts from what the read model says. */
  reset(): void {
    this.waiting.clear();
  }

  async run(jobs: ClockJob[]): Promise<void> {
    const byStream = new Map<string, ClockJob[]>();
    for (const job of jobs) byStream.set(job.stream, [...(byStream.get(job.stream) ?? []), job]);
    const queues = [...byStream.values()];
    const worker = async () => {
      for (let queue = queues.shift(); queue; queue = queues.shift()) {
        for (const job of queue) await this.send(job);
      }
    };
    await Promise.all(Array.from({ length: Math.min(this.concurrency, queues.length) }, worker));
  }

  private async send(job: ClockJob): Promise<void> {
    try {
      const result = await job.send();
      this.waiting.set(job.key, result.position);
      if (result.appended > 0) job.recorded?.(result);
    } catch (error) {
      // Stale (the stream moved on since the read model saw it) or a failure: look again once the
      // read model has caught up with the log as it is now.
      this.waiting.set(job.key, await this.headPosition().catch(() => 0n));
      if (error instanceof DomainError)
        this.logger.debug({ key: job.key, code: error.code }, 'clock request no longer applies');
      else this.logger.warn({ err: error, key: job.key }, 'clock command failed; it is tried again later');
    }
  }
}
