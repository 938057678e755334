import type { ListRenewalsRequest } from './list-renewals.request';

export class ListRenewalsQuery {
  constructor(
    readonly request: ListRenewalsRequest,
    readonly minPosition: string | undefined,
  ) {}
}
