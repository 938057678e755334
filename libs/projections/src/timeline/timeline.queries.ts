import type { Actor } from '@app/commanding';
import type { JsonObject, RecordedEvent } from '@app/event-store';
import { qualified, type ReadModel } from '../projection';
import { summarize } from './timeline-summary';

export interface TimelineEntry {
  position: string;
  streamId: string;
  revision: number;
  type: string;
  occurredAt: string;
  recordedAt: string;
  /** Who caused the event, as its metadata recorded (a service, an agent or the system). */
  actor: Actor;
  summary: string;
  /** The event's payload (its type's schema is in the AsyncAPI document). */
  data: Record<string, unknown>;
}

export interface TimelineFilter {
  types?: string[];
  /** Occurred at or after. */
  from?: string;
  /** Occurred before. */
  to?: string;
  /** The history as recorded by a log position, or by an instant. */
  asOf?: { position: string } | { recordedBy: string };
}

interface EntryRow {
  position: string;
  stream_id: string;
  revision: string;
  event_id: string | null;
  type: string;
  occurred_at: Date;
  recorded_at: Date;
  actor: Actor;
  data: JsonObject;
}

/** Opens the personal data of stored events (or reads it as erased), as every reader of the log does. */
export type OpenEvents = (events: RecordedEvent[]) => Promise<RecordedEvent[]>;

const storedEventOf = (row: EntryRow): RecordedEvent => ({
  eventId: row.event_id ?? '',
  type: row.type,
  data: row.data,
  metadata: {},
  streamId: row.stream_id,
  revision: BigInt(row.revision),
  position: BigInt(row.position),
  recordedAt: row.recorded_at,
});

const entryOf = (row: EntryRow, data: Record<string, unknown>): TimelineEntry => ({
  position: row.position,
  streamId: row.stream_id,
  revision: Number(row.revision),
  type: row.type,
  occurredAt: row.occurred_at.toISOString(),
  recordedAt: row.recorded_at.toISOString(),
  actor: row.actor,
  summary: summarize(row.type, data),
  data,
});

/** An account's timeline in log order after position `after`, filtered; `next` is the last position of a full page. */
export async function timelinePage(
  model: ReadModel,
  open: OpenEvents,
  page: { accountId: string; after: string; filter: TimelineFilter; limit: number },
): Promise<{ entries: TimelineEntry[]; next: string | null }> {
  const { filter } = page;
  const asOf = filter.asOf ?? {};
  const { rows } = await model.pool.query<EntryRow>(
    `SELECT position, stream_id, revision, event_id, type, occurred_at, recorded_at, actor, data FROM ${qualified(model.schema, 'entries')}
      WHERE account_id = $1 AND position > $2::bigint
        AND ($3::text[] IS NULL OR type = ANY ($3)) AND ($4::timestamptz IS NULL OR occurred_at >= $4) AND ($5::timestamptz IS NULL OR occurred_at < $5)
        AND ($6::bigint IS NULL OR position <= $6) AND ($7::timestamptz IS NULL OR recorded_at <= $7)
      ORDER BY position LIMIT $8`,
    [
      page.accountId,
      page.after,
      filter.types ?? null,
      filter.from ?? null,
      filter.to ?? null,
      'position' in asOf ? asOf.position : null,
      'recordedBy' in asOf ? asOf.recordedBy : null,
      page.limit + 1,
    ],
  );
  const shown = rows.slice(0, page.limit);
  const opened = await open(shown.map(storedEventOf));
  return {
    entries: shown.map((row, index) => entryOf(row, opened[index].data as Record<string, unknown>)),
    next: rows.length > page.limit ? shown[shown.length - 1].position : null,
  };
}
