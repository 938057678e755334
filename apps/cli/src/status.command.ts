import { Inject } from '@nestjs/common';
import { Command, CommandRunner } from 'nest-commander';
import type { Pool } from 'pg';
import { EVENT_STORE, type EventStore } from '@app/event-store';
import { PG_POOL } from '@app/platform';

/** Prints the state of the event log: events, streams, head position and open transactions holding readers. */
@Command({ name: 'status', description: 'Show the event log: events, streams, head position, schema versions' })
export class StatusCommand extends CommandRunner {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(PG_POOL) private readonly pool: Pool,
  ) {
    super();
  }

  async run(): Promise<void> {
    const [{ rows: counts }, { rows: migrations }, head] = await Promise.all([
      this.pool.query<{ events: string; streams: string }>(
        'SELECT count(*) AS events, count(DISTINCT stream_id) AS streams FROM event_store.events',
      ),
      this.pool.query<{ component: string; version: number }>(
        'SELECT component, max(version) AS version FROM schema_migrations GROUP BY component ORDER BY component',
      ),
      this.store.headPosition(),
    ]);
    const report = {
      events: Number(counts[0].events),
      streams: Number(counts[0].streams),
      headPosition: head.toString(),
      schema: Object.fromEntries(migrations.map((m) => [m.component, m.version])),
    };
    process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
  }
}
