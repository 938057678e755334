import type { GetAccountHistoryRequest } from './get-account-history.request';

export class GetAccountHistoryQuery {
  constructor(
    readonly accountId: string,
    readonly request: GetAccountHistoryRequest,
    readonly minPosition: string | undefined,
  ) {}
}
