import type { PoolClient } from 'pg';
import type { RecordedEvent } from '@app/event-store';
import { qualified, type Projection } from '../projection';
import { summarize, TIMELINE_TYPES } from './timeline-summary';

/**
 * Account timelines (DESIGN §5): every event of an account and its tickets, in log order, with
 * actor, time, a summary and the payload. Rows are keyed by log position, so a batch written again
 * after a crash cannot double them, and time travel is a filter on position or recorded time.
 */
export const timelineProjection: Projection = {
  name: 'timeline',
  handles: TIMELINE_TYPES,

  setup(schema) {
    const t = qualified(schema, 'entries');
    return `
      CREATE TABLE ${t} (
        position bigint PRIMARY KEY,
        account_id text NOT NULL,
        stream_id text NOT NULL,
        revision bigint NOT NULL,
        type text NOT NULL,
        occurred_at timestamptz NOT NULL,
        recorded_at timestamptz NOT NULL,
        actor jsonb NOT NULL,
        summary text NOT NULL,
        data jsonb NOT NULL);
      CREATE INDEX ON ${t} (account_id, position);`;
  },

  async apply(tx: PoolClient, schema: string, events: RecordedEvent[]) {
    const rows = events.filter((event) => typeof (event.data as { accountId?: unknown }).accountId === 'string');
    if (rows.length === 0) return;
    // One statement per batch: unnest arrays instead of one INSERT per event.
    await tx.query(
      `INSERT INTO ${qualified(schema, 'entries')} (position, account_id, stream_id, revision, type, occurred_at, recorded_at, actor, summary, data)
       SELECT * FROM unnest($1::bigint[], $2::text[], $3::text[], $4::bigint[], $5::text[], $6::timestamptz[], $7::timestamptz[], $8::jsonb[], $9::text[], $10::jsonb[])`,
      [
        rows.map((event) => event.position.toString()),
        rows.map((event) => (event.data as { accountId: string }).accountId),
        rows.map((event) => event.streamId),
        rows.map((event) => event.revision.toString()),
        rows.map((event) => event.type),
        rows.map((event) => (event.metadata.occurredAt as string | undefined) ?? event.recordedAt.toISOString()),
        rows.map((event) => event.recordedAt.toISOString()),
        rows.map((event) => JSON.stringify(event.metadata.actor ?? null)),
        rows.map((event) => summarize(event.type, event.data)),
        rows.map((event) => JSON.stringify(event.data)),
      ],
    );
  },
};
