import { Inject } from '@nestjs/common';
import { Command, Option } from 'nest-commander';
import {
  describeBreak,
  EVENT_STORE,
  verifyLog,
  verifyStreams,
  type EventStore,
  type ChainReport,
} from '@app/event-store';
import { ProtectedEventStore } from '@app/privacy';
import { AccountHistory } from '@app/projections';
import { logFraction, progressBar } from '../progress';
import { writeOut } from '../stdout';
import { OperatorCommand } from '../operator-command';

interface VerifyFlags {
  account?: string;
}

/**
 * Checks the hash chain of the log as stored (README, "A tamper-evident log"): every event's hash
 * against its content and its predecessor's. Prints a JSON summary; names the first broken event
 * and exits 1 when there is one.
 */
@Command({ name: 'verify', description: "Check the log's hash chain (the whole log, or one account's streams)" })
export class VerifyCommand extends OperatorCommand {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly history: AccountHistory,
  ) {
    super();
  }

  async run(_args: string[], flags: VerifyFlags): Promise<void> {
    const stored = this.store instanceof ProtectedEventStore ? this.store.stored : this.store;
    const started = Date.now();
    const report = flags.account ? await this.verifyAccount(stored, flags.account) : await this.verifyAll(stored);
    const seconds = (Date.now() - started) / 1000;
    const events = report.sealed + report.unsealed;
    await writeOut(
      `${JSON.stringify({
        ...(flags.account && { account: flags.account }),
        verified: !report.broken,
        events,
        sealed: report.sealed,
        beforeTheChain: report.unsealed,
        eventsPerSecond: Math.round(events / Math.max(seconds, 0.001)),
        broken: report.broken
          ? {
              kind: report.broken.kind,
              eventId: report.broken.event.eventId,
              streamId: report.broken.event.streamId,
              revision: Number(report.broken.event.revision),
              position: report.broken.event.position.toString(),
            }
          : null,
      })}\n`,
    );
    if (report.broken) {
      process.stderr.write(`the log was altered at ${describeBreak(report.broken)}\n`);
      process.exitCode = 1;
    }
  }

  private async verifyAll(stored: EventStore): Promise<ChainReport> {
    const bar = progressBar('verify', 'permille of the log');
    bar.start(1000, 0);
    const report = await verifyLog(stored, (position, head) =>
      bar.update(Math.round(1000 * logFraction(0n, position, head))),
    );
    if (!report.broken) bar.update(1000);
    bar.stop();
    return report;
  }

  private async verifyAccount(stored: EventStore, accountId: string): Promise<ChainReport> {
    const streams = [...new Set((await this.history.events(accountId)).map((event) => event.streamId))];
    if (streams.length === 0) throw new Error(`account ${accountId} has no events in the log`);
    const bar = progressBar('verify', 'streams');
    bar.start(streams.length, 0);
    const report = await verifyStreams(stored, streams, (done) => bar.update(done));
    bar.stop();
    return report;
  }

  @Option({ flags: '--account <id>', description: "only this account's streams, whole" })
  parseAccount(value: string): string {
    return value;
  }
}
