import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { PoolClient } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import {
  ERASED,
  erases,
  erasureOf,
  PERSONAL_DATA_TYPES,
  personalValuesOf,
  withErased,
  type Erasure,
} from '@app/domain';
import type { JsonObject, RecordedEvent, SqlLog } from '@app/event-store';
import { qualified, type Projection } from '../projection';
import { TIMELINE_TYPES } from './timeline-summary';

/** The columns of an entry, in the order both ways of writing them use. */
const COLUMNS = 'position, account_id, stream_id, revision, event_id, type, occurred_at, recorded_at, actor, data';

/**
 * Account timelines (docs/design.md §5): every event of an account and its tickets, in log order, with
 * actor, time and the payload (the summary is made from type and payload when read). Rows are keyed
 * by account and log position (an event has one account: the position alone is unique too), so a
 * batch written again after a crash cannot double them, and one index serves both that and the reads
 * of an account in log order; time travel is a filter on position or recorded time. The payload is
 * kept as stored: personal data stays sealed (reads open it, docs/architecture.md, "Personal data"), so a rebuild
 * copies it inside the database and an erased key leaves nothing to read; only entries written before
 * encryption are rewritten when their subject is erased.
 */
export const timelineProjection: Projection = {
  name: 'timeline',
  handles: TIMELINE_TYPES,
  // Entries keep personal data as stored: reads open it.
  personalDataOf: new Set(),

  // Timelines made before erasure existed: entries without an event id hold no sealed data.
  upgrade(schema) {
    return `ALTER TABLE ${qualified(schema, 'entries')} ADD COLUMN IF NOT EXISTS event_id uuid`;
  },

  setup(schema) {
    const t = qualified(schema, 'entries');
    return `
      CREATE TABLE ${t} (
        position bigint NOT NULL,
        account_id text NOT NULL,
        stream_id text NOT NULL,
        revision bigint NOT NULL,
        event_id uuid,
        type text NOT NULL,
        occurred_at timestamptz NOT NULL,
        recorded_at timestamptz NOT NULL,
        actor jsonb NOT NULL,
        data jsonb NOT NULL,
        PRIMARY KEY (account_id, position));`;
  },

  // An erasure rewrites the entries before it; those after it in the batch are written after it.
  async apply(tx: PoolClient, schema: string, events: RecordedEvent[]) {
    let start = 0;
    for (const [index, event] of events.entries()) {
      const erasure = erasureOf(event);
      if (!erasure) continue;
      await writeEntries(tx, schema, events.slice(start, index + 1));
      await eraseEntries(tx, schema, (event.data as { accountId: string }).accountId, erasure);
      start = index + 1;
    }
    await writeEntries(tx, schema, events.slice(start));
  },

  // The same rows as `apply` writes (recorded_at at the millisecond, as events are read), copied
  // inside the database.
  async copyFromLog(tx: PoolClient, schema: string, log: SqlLog, after: bigint, to: bigint) {
    const source = log.select(after, to);
    await tx.query(
      `INSERT INTO ${qualified(schema, 'entries')} (${COLUMNS})
       SELECT position, data->>'accountId', stream_id, revision, event_id, type, coalesce((metadata->>'occurredAt')::timestamptz, date_trunc('milliseconds', recorded_at)),
              date_trunc('milliseconds', recorded_at), coalesce(metadata->'actor', 'null'), data
         FROM (${source.text}) e
        WHERE type = ANY ($${source.values.length + 1}) AND jsonb_typeof(data->'accountId') = 'string'`,
      [...source.values, [...TIMELINE_TYPES]],
    );
  },
};

/**
 * The entries of the account written in the clear (before encryption) whose personal data the
 * erasure reaches, with those fields read as erased. Sealed entries need nothing: their key is gone.
 */
async function eraseEntries(tx: PoolClient, schema: string, accountId: string, erasure: Erasure): Promise<void> {
  const entries = qualified(schema, 'entries');
  const { rows } = await tx.query<{ position: string; type: string; data: JsonObject }>(
    `SELECT position, type, data FROM ${entries} WHERE account_id = $1 AND type = ANY ($2)`,
    [accountId, [...PERSONAL_DATA_TYPES]],
  );
  const erased = rows.flatMap((row) => {
    const personal = personalValuesOf(row);
    if (!personal || !erases(erasure, personal.subject)) return [];
    if (personal.fields.every((field) => row.data[field] === ERASED)) return [];
    return [{ position: row.position, data: JSON.stringify(withErased(row.data, personal.fields)) }];
  });
  if (erased.length === 0) return;
  await tx.query(
    `UPDATE ${entries} e SET data = u.data::jsonb FROM unnest($2::bigint[], $3::text[]) AS u(position, data)
      WHERE e.account_id = $1 AND e.position = u.position`,
    [accountId, erased.map((row) => row.position), erased.map((row) => row.data)],
  );
}

async function writeEntries(tx: PoolClient, schema: string, events: RecordedEvent[]): Promise<void> {
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
        event.eventId,
        event.type,
        (event.metadata.occurredAt as string | undefined) ?? event.recordedAt.toISOString(),
        event.recordedAt.toISOString(),
        JSON.stringify(event.metadata.actor ?? null),
        JSON.stringify(event.storedData ?? event.data),
      ]
        .map(copyText)
        .join('\t'),
    )
    .join('\n');
  const sink = tx.query(copyFrom(`COPY ${qualified(schema, 'entries')} (${COLUMNS}) FROM STDIN`));
  await pipeline(Readable.from([`${text}\n`]), sink);
}

/** A value in COPY's text format: backslash, tab, newline and carriage return escaped. */
function copyText(value: string): string {
  return value.replace(/[\\\t\n\r]/g, (c) => (c === '\\' ? '\\\\' : c === '\t' ? '\\t' : c === '\n' ? '\\n' : '\\r'));
}
