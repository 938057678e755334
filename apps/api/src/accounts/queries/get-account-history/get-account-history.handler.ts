import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { asOfBound, EVENT_STORE, recordedEventJson, type EventStore, type RecordedEventJson } from '@app/event-store';
import { AccountHistory } from '@app/projections';
import { ApiError } from '../../../shared/api-error';
import { cursors, isLogPosition, ReadYourWrites, type Reached } from '../../../shared/read-model';
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
    private readonly readYourWrites: ReadYourWrites,
  ) {}

  async execute({ accountId, request, minPosition }: GetAccountHistoryQuery): Promise<AccountHistoryPage> {
    await this.readYourWrites.wait(
      minPosition,
      this.readableUpTo,
      (position) =>
        new ApiError(503, 'log_behind', `the log cannot be read up to position ${position} yet; retry shortly`, {
          minPosition: position,
        }),
    );
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
  private readableUpTo: Reached = async (position, timeoutMs) => {
    for (const deadline = Date.now() + timeoutMs; ; await new Promise((resolve) => setTimeout(resolve, 10))) {
      if ((await this.store.headPosition()) >= position) return true;
      if (Date.now() >= deadline) return false;
    }
  };
}
