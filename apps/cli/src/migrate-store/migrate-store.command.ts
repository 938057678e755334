import { Inject } from '@nestjs/common';
import { Command, Option } from 'nest-commander';
import type { Pool } from 'pg';
import type { AppConfig } from '@app/config';
import { EventStoreDbEventStore, PostgresEventStore, type EventStore } from '@app/event-store';
import { migrateMessaging, readCheckpoint, RELAY_NAME } from '@app/messaging';
import { APP_CONFIG, PG_POOL } from '@app/platform';
import { logFraction, progressBar } from '../progress';
import { StoreMigration } from './store-migration';
import { writeOut } from '../stdout';
import { OperatorCommand } from '../operator-command';

type StoreKind = 'postgres' | 'eventstoredb';
const KINDS: readonly StoreKind[] = ['postgres', 'eventstoredb'];

interface Flags {
  from?: StoreKind;
  to?: StoreKind;
  eventstoredb?: string;
  verifyOnly?: boolean;
}

const kind = (flag: string) => (value: string) => {
  if (!(KINDS as readonly string[]).includes(value)) throw new Error(`--${flag} must be one of ${KINDS.join(', ')}`);
  return value as StoreKind;
};

/**
 * Moves the event log between PostgreSQL (DATABASE_URL or the embedded server) and EventStoreDB
 * (EVENTSTORE_CONNECTION_STRING or --eventstoredb), then compares both logs event by event.
 * Interrupted, it resumes where it stopped. Writers should be stopped while it runs.
 */
@Command({
  name: 'migrate-store',
  description: 'Copy the event log between stores (postgres, eventstoredb), resumable, then verify both sides',
})
export class MigrateStoreCommand extends OperatorCommand {
  constructor(
    @Inject(PG_POOL) private readonly pool: Pool,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    super();
  }

  async run(_args: string[], flags: Flags): Promise<void> {
    if (!flags.from || !flags.to) throw new Error('--from and --to are required (postgres, eventstoredb)');
    if (flags.from === flags.to) throw new Error('--from and --to must be different stores');
    const [source, target] = [await this.open(flags.from, flags), await this.open(flags.to, flags)];
    try {
      await StoreMigration.migrate(this.pool);
      const migration = new StoreMigration(source, target, this.pool, `${flags.from}->${flags.to}`);
      const copied = flags.verifyOnly ? await migration.progress() : await this.copy(migration, source);
      const head = await source.headPosition();
      const bar = progressBar('verify', 'permille of the source log');
      bar.start(1000, 0);
      const verified = await migration.verify((_, position) =>
        bar.update(Math.round(1000 * logFraction(0n, position, head))),
      );
      bar.update(1000);
      bar.stop();
      await migrateMessaging(this.pool);
      const relayed = (await readCheckpoint(this.pool, RELAY_NAME)).position;
      const relayTarget = await migration.targetPositionOf(relayed);
      await writeOut(
        `${JSON.stringify({
          from: flags.from,
          to: flags.to,
          copied: copied.copied,
          verified: verified.compared,
          identical: !verified.difference,
          difference: verified.difference,
          relay: { sourcePosition: relayed.toString(), targetPosition: relayTarget?.toString() ?? null },
        })}\n`,
      );
      if (verified.difference) {
        process.stderr.write(
          `the logs differ at event ${verified.difference.index} (see "difference"); do not switch EVENT_STORE\n`,
        );
        process.exitCode = 1;
        return;
      }
      process.stderr.write(
        [
          `both logs hold the same ${verified.compared} events. To switch:`,
          `  1. set EVENT_STORE=${flags.to}${flags.to === 'eventstoredb' ? ' and EVENTSTORE_CONNECTION_STRING' : ''} for every role`,
          '  2. support-ops projections rebuild --all   (read models keep positions of the old log)',
          relayTarget === undefined
            ? '  3. the relay checkpoint is not an event of the log: choose the position to replay from with support-ops relay reset'
            : `  3. support-ops relay reset --to-position ${relayTarget} --forward --reason "moved to ${flags.to}"   (Kafka consumers get nothing twice)`,
          '',
        ].join('\n'),
      );
    } finally {
      await Promise.all([source.close(), target.close()]);
    }
  }

  private async copy(migration: StoreMigration, source: EventStore) {
    const head = await source.headPosition();
    const bar = progressBar('copy', 'permille of the source log');
    bar.start(1000, 0);
    const copied = await migration.copy((progress) =>
      bar.update(Math.round(1000 * logFraction(0n, progress.position, head))),
    );
    bar.update(1000);
    bar.stop();
    return copied;
  }

  private async open(store: StoreKind, flags: Flags): Promise<EventStore> {
    if (store === 'postgres') {
      await PostgresEventStore.migrate(this.pool);
      return new PostgresEventStore(this.pool);
    }
    const connection = flags.eventstoredb ?? this.config.EVENTSTORE_CONNECTION_STRING;
    if (!connection) throw new Error('EventStoreDB needs EVENTSTORE_CONNECTION_STRING or --eventstoredb <esdb://…>');
    return new EventStoreDbEventStore(connection);
  }

  @Option({ flags: '--from <store>', description: 'store to copy from: postgres or eventstoredb' })
  parseFrom(value: string): StoreKind {
    return kind('from')(value);
  }

  @Option({ flags: '--to <store>', description: 'store to copy to: postgres or eventstoredb' })
  parseTo(value: string): StoreKind {
    return kind('to')(value);
  }

  @Option({
    flags: '--eventstoredb <connection>',
    description: 'EventStoreDB connection string (default: EVENTSTORE_CONNECTION_STRING)',
  })
  parseEventStoreDb(value: string): string {
    return value;
  }

  @Option({ flags: '--verify-only', description: 'only compare both logs' })
  parseVerifyOnly(): boolean {
    return true;
  }
}
