import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import type { RecordedEvent } from '@app/event-store';
import { AccountHistory, type HistoryBound } from '@app/projections';
import { cursors, isLogPosition } from '../../../shared/read-model';
import { GetAccountHistoryQuery } from './get-account-history.query';

/** An event as the log recorded it. */
export interface LoggedEvent {
  position: string;
  eventId: string;
  streamId: string;
  revision: number;
  type: string;
  recordedAt: string;
  /** The event's payload (its type's schema is in the AsyncAPI document). */
  data: Record<string, unknown>;
  /** As recorded: occurredAt, actor, correlationId, causationId, accountId, source. */
  metadata: Record<string, unknown>;
}

export interface AccountHistoryPage {
  accountId: string;
  events: LoggedEvent[];
  nextCursor: string | null;
}

/** An account's events from the log itself (not a read model), in log order, as of a time or position. */
@QueryHandler(GetAccountHistoryQuery)
export class GetAccountHistoryHandler implements IQueryHandler<GetAccountHistoryQuery, AccountHistoryPage> {
  constructor(private readonly history: AccountHistory) {}

  async execute({ accountId, request }: GetAccountHistoryQuery): Promise<AccountHistoryPage> {
    const limit = request.limit ?? 100;
    const [after] = (cursors.decode(request.cursor, [isLogPosition]) ?? ['0']) as [string];
    const types = request.types && new Set(request.types);
    const events = (await this.history.events(accountId, boundOf(request.asOf))).filter(
      (event) => event.position > BigInt(after) && (!types || types.has(event.type)),
    );
    const page = events.slice(0, limit);
    return {
      accountId,
      events: page.map(logged),
      nextCursor: events.length > limit ? cursors.encode([page[page.length - 1].position.toString()]) : null,
    };
  }
}

function boundOf(asOf: string | undefined): HistoryBound {
  if (asOf === undefined) return {};
  return isLogPosition(asOf) ? { position: BigInt(asOf) } : { recordedBy: new Date(asOf) };
}

function logged(event: RecordedEvent): LoggedEvent {
  return {
    position: event.position.toString(),
    eventId: event.eventId,
    streamId: event.streamId,
    revision: Number(event.revision),
    type: event.type,
    recordedAt: event.recordedAt.toISOString(),
    data: event.data as Record<string, unknown>,
    metadata: event.metadata,
  };
}
