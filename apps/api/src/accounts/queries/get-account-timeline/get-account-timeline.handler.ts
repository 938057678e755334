import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import type { Actor } from '@app/commanding';
import type { JsonObject } from '@app/event-store';
import { PersonalDataCipher } from '@app/privacy';
import { qualified, summarize } from '@app/projections';
import { cursors, isLogPosition, ReadModels } from '../../../shared/read-model';
import { GetAccountTimelineQuery } from './get-account-timeline.query';

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

/** An account's history in log order, filtered, paged, and as of a past instant or position. */
@QueryHandler(GetAccountTimelineQuery)
export class GetAccountTimelineHandler implements IQueryHandler<
  GetAccountTimelineQuery,
  { accountId: string; entries: TimelineEntry[]; nextCursor: string | null }
> {
  constructor(
    private readonly readModels: ReadModels,
    private readonly cipher: PersonalDataCipher,
  ) {}

  async execute({ accountId, request, minPosition }: GetAccountTimelineQuery) {
    const schema = await this.readModels.schema('timeline', minPosition);
    const limit = request.limit ?? 100;
    const [after] = (cursors.decode(request.cursor, [isLogPosition]) ?? ['0']) as [string];
    const asOfPosition = request.asOf && isLogPosition(request.asOf) ? request.asOf : null;
    const asOfTime = request.asOf && !asOfPosition ? request.asOf : null;
    const { rows } = await this.readModels.pool.query<EntryRow>(
      `SELECT position, stream_id, revision, event_id, type, occurred_at, recorded_at, actor, data FROM ${qualified(schema, 'entries')}
        WHERE account_id = $1 AND position > $2::bigint
          AND ($3::text[] IS NULL OR type = ANY ($3)) AND ($4::timestamptz IS NULL OR occurred_at >= $4) AND ($5::timestamptz IS NULL OR occurred_at < $5)
          AND ($6::bigint IS NULL OR position <= $6) AND ($7::timestamptz IS NULL OR recorded_at <= $7)
        ORDER BY position LIMIT $8`,
      [
        accountId,
        after,
        request.types ?? null,
        request.from ?? null,
        request.to ?? null,
        asOfPosition,
        asOfTime,
        limit + 1,
      ],
    );
    const page = await this.opened(rows.slice(0, limit));
    return {
      accountId,
      entries: page.map(({ row, data }) => ({
        position: row.position,
        streamId: row.stream_id,
        revision: Number(row.revision),
        type: row.type,
        occurredAt: row.occurred_at.toISOString(),
        recordedAt: row.recorded_at.toISOString(),
        actor: row.actor,
        summary: summarize(row.type, data),
        data,
      })),
      nextCursor: rows.length > limit ? cursors.encode([page[page.length - 1].row.position]) : null,
    };
  }

  /** The entries' payloads with personal data opened (or read as erased), as the log's readers see them. */
  private async opened(rows: EntryRow[]): Promise<{ row: EntryRow; data: Record<string, unknown> }[]> {
    const events = await this.cipher.open(
      rows.map((row) => ({
        eventId: row.event_id ?? '',
        type: row.type,
        data: row.data,
        metadata: {},
        streamId: row.stream_id,
        revision: BigInt(row.revision),
        position: BigInt(row.position),
        recordedAt: row.recorded_at,
      })),
    );
    return rows.map((row, index) => ({ row, data: events[index].data as Record<string, unknown> }));
  }
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
