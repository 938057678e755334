import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { accountDecider, type AccountState } from '@app/domain';
import { AggregateReader, type CurrentState } from '../../../shared/aggregate-reader';
import { streams } from '../../../shared/stream-id.pipe';
import { GetAccountQuery } from './get-account.query';

@QueryHandler(GetAccountQuery)
export class GetAccountHandler implements IQueryHandler<GetAccountQuery, CurrentState<AccountState & { exists: true }>> {
  constructor(private readonly reader: AggregateReader) {}

  execute({ accountId }: GetAccountQuery): Promise<CurrentState<AccountState & { exists: true }>> {
    return this.reader.read(streams.account(accountId), accountDecider, 'account');
  }
}
