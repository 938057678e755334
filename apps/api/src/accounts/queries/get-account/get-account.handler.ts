import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { accountDecider, streams, type AccountState } from '@app/domain';
import { CurrentStateReader, type CurrentState } from '../../../shared/current-state.reader';
import { GetAccountQuery } from './get-account.query';

@QueryHandler(GetAccountQuery)
export class GetAccountHandler implements IQueryHandler<
  GetAccountQuery,
  CurrentState<AccountState & { exists: true }>
> {
  constructor(private readonly reader: CurrentStateReader) {}

  execute({ accountId, asOf }: GetAccountQuery): Promise<CurrentState<AccountState & { exists: true }>> {
    return this.reader.read(streams.account(accountId), accountDecider, 'account', asOf);
  }
}
