import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { PoolClient } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
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
    // COPY: the server parses plain text rows, the fastest way PostgreSQL takes many rows.
    const text = rows
      .map((event) =>
        [
          event.position.toString(),
          (event.data as { accountId: string }).accountId,
          event.streamId,
          event.revision.toString(),
          event.type,
          (event.metadata.occurredAt as string | undefined) ?? event.recordedAt.toISOString(),
          event.recordedAt.toISOString(),
          JSON.stringify(event.metadata.actor ?? null),
          summarize(event.type, event.data),
          JSON.stringify(event.data),
        ]
          .map(copyText)
          .join('\t'),
      )
      .join('\n');
    const sink = tx.query(copyFrom(`COPY ${qualified(schema, 'entries')} (position, account_id, stream_id, revision, type, occurred_at, recorded_at, actor, summary, data) FROM STDIN`));
    await pipeline(Readable.from([`${text}\n`]), sink);
  },
};

/** A value in COPY's text format: backslash, tab, newline and carriage return escaped. */
function copyText(value: string): string {
  return value.replace(/[\\\t\n\r]/g, (c) => (c === '\\' ? '\\\\' : c === '\t' ? '\\t' : c === '\n' ? '\\n' : '\\r'));
}
