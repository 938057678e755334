import { Inject } from '@nestjs/common';
import { Command, Option, SubCommand } from 'nest-commander';
import { asOfBound, EVENT_STORE, type EventStore, type RecordedBound, type RecordedEvent } from '@app/event-store';
import { AccountHistory, scanAccountHistory, summarize } from '@app/projections';
import { toNdjson } from '../export/export.command';
import { logFraction, progressBar } from '../progress';
import { writeOut } from '../stdout';
import { OperatorCommand } from '../operator-command';

/**
 * An account's history from the log itself, not from a read model: every event whose metadata
 * names the account (its own stream and its tickets'), in log order. It reads the account's streams
 * (the timeline tells which) and the log after the timeline's checkpoint; `--scan` reads the whole
 * log instead, the audit's ground truth, at a cost that grows with the log.
 */
@SubCommand({
  name: 'account',
  arguments: '<id>',
  description: "Print an account's history from the log (--as-of a time or position)",
})
export class ReplayAccountCommand extends OperatorCommand {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly history: AccountHistory,
  ) {
    super();
  }

  async run([accountId]: string[], flags: { asOf?: string; json?: boolean; scan?: boolean }): Promise<void> {
    const bound = historyBound(flags.asOf);
    const events = flags.scan ? await this.scan(accountId, bound) : await this.history.events(accountId, bound);
    for (const event of events) await writeOut(flags.json ? toNdjson(event) : readable(event));
    if (events.length === 0)
      throw new Error(`no events for account ${accountId}${flags.asOf ? ` as of ${flags.asOf}` : ''}`);
  }

  private async scan(accountId: string, bound: RecordedBound): Promise<RecordedEvent[]> {
    const [first] = await this.store.readAll({ limit: 1 });
    const bar = progressBar(`replay ${accountId}`, 'permille of the log');
    bar.start(1000, 0);
    const events = await scanAccountHistory(this.store, accountId, bound, (position, head) =>
      bar.update(Math.round(1000 * logFraction(first?.position ?? 0n, position, head))),
    );
    bar.update(1000);
    bar.stop();
    return events;
  }

  @Option({
    flags: '--scan',
    description: "read the whole log instead of the account's streams (slow; the ground truth)",
  })
  parseScan(): boolean {
    return true;
  }

  @Option({
    flags: '--as-of <time|position>',
    description: 'the history as it was recorded at this ISO time or log position',
  })
  parseAsOf(value: string): string {
    return value;
  }

  @Option({ flags: '--json', description: 'NDJSON instead of one readable line per event' })
  parseJson(): boolean {
    return true;
  }
}

@Command({ name: 'replay', description: 'Replay history from the log', subCommands: [ReplayAccountCommand] })
export class ReplayCommand extends OperatorCommand {
  async run(): Promise<void> {
    throw new Error('use `replay account <id> [--as-of <time|position>] [--json]`');
  }
}

/** `--as-of`: a log position (digits) or an ISO 8601 time. */
function historyBound(asOf: string | undefined): RecordedBound {
  if (asOf === undefined) return {};
  const bound = asOfBound(asOf);
  if (!bound) throw new Error('--as-of must be a log position or an ISO 8601 time');
  return bound;
}

function readable(event: RecordedEvent): string {
  const actor = event.metadata.actor as { kind?: string; id?: string } | undefined;
  const occurredAt = String(event.metadata.occurredAt ?? event.recordedAt.toISOString());
  const who = `${actor?.kind ?? '?'}:${actor?.id ?? '?'}`;
  return `${event.position}  ${occurredAt}  ${who}  ${event.streamId}@${event.revision}  ${summarize(event.type, event.data)}\n`;
}
