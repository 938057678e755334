import { Inject } from '@nestjs/common';
import { Command } from 'nest-commander';
import type { Pool } from 'pg';
import { EVENT_STORE, type EventStore } from '@app/event-store';
import type { AppConfig } from '@app/config';
import { APP_CONFIG, PG_POOL } from '@app/platform';
import { writeOut } from './stdout';
import { OperatorCommand } from './operator-command';

/** Prints the state of the event log: events, streams, head position and open transactions holding readers. */
@Command({ name: 'status', description: 'Show the event log: events, streams, head position, schema versions' })
export class StatusCommand extends OperatorCommand {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(PG_POOL) private readonly pool: Pool,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    super();
  }

  async run(): Promise<void> {
    const [counts, { rows: migrations }, head] = await Promise.all([
      // EventStoreDB keeps no count of its own; its UI shows the streams.
      this.config.EVENT_STORE === 'postgres'
        ? this.pool
            .query<{ events: string; streams: string }>(
              'SELECT count(*) AS events, count(DISTINCT stream_id) AS streams FROM event_store.events',
            )
            .then(({ rows }) => ({ events: Number(rows[0].events), streams: Number(rows[0].streams) }))
        : {},
      this.pool.query<{ component: string; version: number }>(
        'SELECT component, max(version) AS version FROM schema_migrations GROUP BY component ORDER BY component',
      ),
      this.store.headPosition(),
    ]);
    const report = {
      store: this.config.EVENT_STORE,
      ...counts,
      headPosition: head.toString(),
      schema: Object.fromEntries(migrations.map((m) => [m.component, m.version])),
    };
    await writeOut(`${JSON.stringify(report, null, 2)}\n`);
  }
}
