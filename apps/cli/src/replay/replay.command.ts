import { Inject } from '@nestjs/common';
import { Command, CommandRunner, Option, SubCommand } from 'nest-commander';
import { EVENT_STORE, type EventStore } from '@app/event-store';
import { summarize } from '@app/projections';
import { toNdjson } from '../export/export.command';
import { logFraction, progressBar } from '../progress';
import { writeOut } from '../stdout';

/**
 * An account's history from the log itself, not from a read model: every event whose metadata
 * names the account (its own stream and its tickets'), in log order. A scan of the whole log, the
 * audit's ground truth.
 */
@SubCommand({
  name: 'account',
  arguments: '<id>',
  description: "Print an account's history from the log (--as-of a time or position)",
})
export class ReplayAccountCommand extends CommandRunner {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {
    super();
  }

  async run([accountId]: string[], flags: { asOf?: string; json?: boolean }): Promise<void> {
    const asOfPosition = flags.asOf && /^\d+$/.test(flags.asOf) ? BigInt(flags.asOf) : undefined;
    const asOfTime = flags.asOf && asOfPosition === undefined ? Date.parse(flags.asOf) : undefined;
    if (asOfTime !== undefined && Number.isNaN(asOfTime))
      throw new Error('--as-of must be a log position or an ISO 8601 time');
    const head = asOfPosition ?? (await this.store.headPosition());
    const [first] = await this.store.readAll({ limit: 1 });
    const bar = progressBar(`replay ${accountId}`, 'permille of the log');
    bar.start(1000, 0);
    let found = 0;
    for (let after = 0n; after < head;) {
      const events = await this.store.readAll({ after, limit: 5000 });
      if (events.length === 0) break;
      for (const event of events) {
        if (event.position > head || (asOfTime !== undefined && event.recordedAt.getTime() > asOfTime)) continue;
        if (event.metadata.accountId !== accountId) continue;
        found += 1;
        const actor = event.metadata.actor as { kind?: string; id?: string } | undefined;
        await writeOut(
          flags.json
            ? toNdjson(event)
            : `${event.position}  ${String(event.metadata.occurredAt ?? event.recordedAt.toISOString())}  ${actor?.kind ?? '?'}:${actor?.id ?? '?'}  ${event.streamId}@${event.revision}  ${summarize(event.type, event.data)}\n`,
        );
      }
      after = events[events.length - 1].position;
      bar.update(Math.round(1000 * logFraction(first?.position ?? 0n, after, head)));
    }
    bar.update(1000);
    bar.stop();
    if (found === 0) throw new Error(`no events for account ${accountId}${flags.asOf ? ` as of ${flags.asOf}` : ''}`);
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
export class ReplayCommand extends CommandRunner {
  async run(): Promise<void> {
    throw new Error('use `replay account <id> [--as-of <time|position>] [--json]`');
  }
}
