import { readFile } from 'node:fs/promises';
import { Inject } from '@nestjs/common';
import type { Pool } from 'pg';
import { Command, Option } from 'nest-commander';
import {
  describeBreak,
  EVENT_STORE,
  verifyLog,
  verifyStreams,
  type EventStore,
  type ChainReport,
} from '@app/event-store';
import {
  checkLogAgainst,
  latestCheckpoint,
  migrateLedger,
  openCheckpoint,
  TileReader,
  type Checkpoint,
} from '@app/ledger';
import { PG_POOL } from '@app/platform';
import { ProtectedEventStore } from '@app/privacy';
import { AccountHistory } from '@app/projections';
import { logFraction, progressBar } from '../progress';
import { writeOut } from '../stdout';
import { OperatorCommand } from '../operator-command';

interface VerifyFlags {
  account?: string;
  against?: string;
  key?: string;
}

/**
 * Checks the hash chain of the log as stored (docs/architecture.md, "A tamper-evident log"): every event's hash
 * against its content and its predecessor's. Prints a JSON summary; names the first broken event
 * and exits 1 when there is one.
 */
@Command({
  name: 'verify',
  description:
    "Check the log's hash chain (the whole log, or one account's streams), or the log against a signed checkpoint",
})
export class VerifyCommand extends OperatorCommand {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(PG_POOL) private readonly pool: Pool,
    private readonly history: AccountHistory,
  ) {
    super();
  }

  async run(_args: string[], flags: VerifyFlags): Promise<void> {
    const stored = this.store instanceof ProtectedEventStore ? this.store.stored : this.store;
    if (flags.against) return this.verifyAgainst(stored, flags.against, flags.key);
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

  /**
   * The log as stored now against a checkpoint taken earlier (an auditor's copy): the first
   * `size` events must give its root; otherwise the first event that differs is named.
   */
  private async verifyAgainst(stored: EventStore, file: string, key?: string): Promise<void> {
    const note = await readFile(file, 'utf8').catch(() => {
      throw new Error(`--against: cannot read ${file}`);
    });
    await migrateLedger(this.pool);
    const verifier = key ?? (await latestCheckpoint(this.pool))?.verifierKey;
    if (!verifier) throw new Error('--against: pass --key <verifier key>: the ledger here has signed no checkpoint');
    let checkpoint: Checkpoint;
    try {
      checkpoint = openCheckpoint(note, verifier);
    } catch (error) {
      throw new Error(
        `--against: ${file} is not a checkpoint signed by ${verifier.split('+')[0]}: ${(error as Error).message}`,
      );
    }
    const bar = progressBar('verify', 'events');
    bar.start(Number(checkpoint.size), 0);
    const check = await checkLogAgainst(stored, new TileReader(this.pool), checkpoint, (done) =>
      bar.update(Number(done)),
    );
    bar.stop();
    const difference = check.firstDifference;
    const event = difference?.event;
    await writeOut(
      `${JSON.stringify({
        against: { origin: checkpoint.origin, size: checkpoint.size.toString() },
        verified: check.matches,
        events: check.read.toString(),
        firstDifference: difference
          ? {
              leafIndex: difference.leafIndex.toString(),
              event: event
                ? {
                    eventId: event.eventId,
                    streamId: event.streamId,
                    revision: Number(event.revision),
                    position: event.position.toString(),
                    recordedAt: event.recordedAt.toISOString(),
                  }
                : null,
              ledgerAuthentic: difference.ledgerAuthentic,
              what: difference.what,
            }
          : null,
      })}\n`,
    );
    if (check.matches) return;
    const where = event
      ? `event ${event.eventId} (stream ${event.streamId} revision ${event.revision}, position ${event.position})`
      : `the end of the log (it holds ${check.read} of the checkpoint's ${checkpoint.size} events)`;
    process.stderr.write(
      `the log differs from checkpoint ${checkpoint.size} of ${checkpoint.origin} at leaf ${difference!.leafIndex}: ${where}: ${difference!.what}` +
        (difference!.ledgerAuthentic ? '' : " (the ledger's own tree was rewritten too)") +
        '\n',
    );
    process.exitCode = 1;
  }

  @Option({
    flags: '--against <checkpoint file>',
    description: 'check the log against a signed checkpoint taken earlier',
  })
  parseAgainst(value: string): string {
    return value;
  }

  @Option({
    flags: '--key <verifier key>',
    description: "the key the checkpoint must be signed with (default: the ledger's)",
  })
  parseKey(value: string): string {
    return value;
  }

  @Option({ flags: '--account <id>', description: "only this account's streams, whole" })
  parseAccount(value: string): string {
    return value;
  }
}
