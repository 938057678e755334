import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import type { AppConfig } from '@app/config';
import { asOfBound, EVENT_STORE, recordedEventJson, type EventStore, type RecordedEventJson } from '@app/event-store';
import { APP_CONFIG } from '@app/platform';
import { AccountHistory } from '@app/projections';
import { ApiError } from '../../../shared/api-error';
import { cursors, isLogPosition, minPositionOf } from '../../../shared/read-model';
import { GetAccountHistoryQuery } from './get-account-history.query';

export interface AccountHistoryPage {
  accountId: string;
  events: RecordedEventJson[];
  nextCursor: string | null;
}

/** An account's events from the log itself (not a read model), in log order, as of a time or position. */
@QueryHandler(GetAccountHistoryQuery)
export class GetAccountHistoryHandler implements IQueryHandler<GetAccountHistoryQuery, AccountHistoryPage> {
  constructor(
    private readonly history: AccountHistory,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async execute({ accountId, request, minPosition }: GetAccountHistoryQuery): Promise<AccountHistoryPage> {
    if (minPosition !== undefined) await this.readableUpTo(minPositionOf(minPosition));
    const limit = request.limit ?? 100;
    const [after] = (cursors.decode(request.cursor, [isLogPosition]) ?? ['0']) as [string];
    const types = request.types && new Set(request.types);
    const events = (
      await this.history.events(accountId, request.asOf === undefined ? {} : asOfBound(request.asOf))
    ).filter((event) => event.position > BigInt(after) && (!types || types.has(event.type)));
    const page = events.slice(0, limit);
    return {
      accountId,
      events: page.map(recordedEventJson),
      nextCursor: events.length > limit ? cursors.encode([page[page.length - 1].position.toString()]) : null,
    };
  }

  /** Read-your-writes on the log: a write is readable once no earlier transaction is still open. */
  private async readableUpTo(position: bigint): Promise<void> {
    const deadline = Date.now() + this.config.READ_YOUR_WRITES_TIMEOUT_MS;
    while ((await this.store.headPosition()) < position) {
      if (Date.now() >= deadline)
        throw new ApiError(503, 'log_behind', `the log cannot be read up to position ${position} yet; retry shortly`, {
          minPosition: position.toString(),
        });
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }
}
