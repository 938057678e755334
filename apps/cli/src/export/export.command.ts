import { Inject } from '@nestjs/common';
import { Command, Option, SubCommand } from 'nest-commander';
import { KNOWN_EVENT_TYPES } from '@app/domain';
import { EVENT_STORE, recordedEventJson, type EventStore, type RecordedEvent } from '@app/event-store';
import { AccountHistory } from '@app/projections';
import { logFraction, progressBar } from '../progress';
import { writeOut } from '../stdout';
import { OperatorCommand } from '../operator-command';

const position = (name: string) => (value: string) => {
  if (!/^\d{1,19}$/.test(value)) throw new Error(`--${name} must be a log position (digits)`);
  return BigInt(value);
};

/** One event as a JSON line: the shape analytics pipelines load. */
export function toNdjson(event: RecordedEvent): string {
  return `${JSON.stringify(recordedEventJson(event))}\n`;
}

interface ExportFlags {
  fromPosition?: bigint;
  toPosition?: bigint;
  types?: string[];
  account?: string;
}

@SubCommand({ name: 'events', description: 'Stream events as NDJSON to stdout (progress on stderr)' })
export class ExportEventsCommand extends OperatorCommand {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly history: AccountHistory,
  ) {
    super();
  }

  async run(_args: string[], flags: ExportFlags): Promise<void> {
    if (flags.account !== undefined) return this.exportAccount(flags.account, flags);
    const head = flags.toPosition ?? (await this.store.headPosition());
    const start = flags.fromPosition ?? 0n;
    const types = flags.types && new Set(flags.types);
    const bar = progressBar('export', 'permille of the range');
    bar.start(1000, 0);
    let exported = 0;
    for (let after = start > 0n ? start - 1n : 0n; after < head;) {
      const events = await this.store.readAll({ after, limit: 1000 });
      if (events.length === 0) break;
      for (const event of events) {
        if (event.position > head) break;
        if (types && !types.has(event.type)) continue;
        await writeOut(toNdjson(event));
        exported += 1;
      }
      after = events[events.length - 1].position;
      bar.update(Math.round(1000 * logFraction(start, after, head)));
    }
    bar.update(1000);
    bar.stop();
    process.stderr.write(`exported ${exported} events\n`);
  }

  /** One account's events (a backfill, a data request), read in proportion to the account. */
  private async exportAccount(accountId: string, flags: ExportFlags): Promise<void> {
    const events = await this.history.events(accountId, { position: flags.toPosition });
    const selected = events.filter(
      (event) =>
        (flags.fromPosition === undefined || event.position >= flags.fromPosition) &&
        (flags.types === undefined || flags.types.includes(event.type)),
    );
    for (const event of selected) await writeOut(toNdjson(event));
    process.stderr.write(`exported ${selected.length} events of account ${accountId}\n`);
  }

  @Option({ flags: '--account <id>', description: "only this account's events (its streams, not the whole log)" })
  parseAccount(value: string): string {
    return value;
  }

  @Option({ flags: '--from-position <n>', description: 'first position to include' })
  parseFrom(value: string): bigint {
    return position('from-position')(value);
  }

  @Option({ flags: '--to-position <n>', description: 'last position to include (default: the head now)' })
  parseTo(value: string): bigint {
    return position('to-position')(value);
  }

  @Option({ flags: '--types <list>', description: 'comma-separated event types' })
  parseTypes(value: string): string[] {
    const types = value.split(',').filter(Boolean);
    const unknown = types.filter((type) => !KNOWN_EVENT_TYPES.has(type));
    if (unknown.length > 0)
      throw new Error(
        `--types: unknown event type ${unknown.join(', ')}; known types: ${[...KNOWN_EVENT_TYPES].sort().join(', ')}`,
      );
    return types;
  }
}

@Command({ name: 'export', description: 'Export the log for analytics', subCommands: [ExportEventsCommand] })
export class ExportCommand extends OperatorCommand {
  async run(): Promise<void> {
    throw new Error('use `export events [--account id] [--from-position n] [--to-position n] [--types a,b]`');
  }
}
