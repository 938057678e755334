import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { recordedEventJson, type RecordedEventJson } from '@app/event-store';
import { AccountHistory, type HistoryBound } from '@app/projections';
import { cursors, isLogPosition } from '../../../shared/read-model';
import { GetAccountHistoryQuery } from './get-account-history.query';

export interface AccountHistoryPage {
  accountId: string;
  events: RecordedEventJson[];
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
      events: page.map(recordedEventJson),
      nextCursor: events.length > limit ? cursors.encode([page[page.length - 1].position.toString()]) : null,
    };
  }
}

function boundOf(asOf: string | undefined): HistoryBound {
  if (asOf === undefined) return {};
  return isLogPosition(asOf) ? { position: BigInt(asOf) } : { recordedBy: new Date(asOf) };
}
