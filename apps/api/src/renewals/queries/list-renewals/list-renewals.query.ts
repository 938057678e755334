import type { ListRenewalsRequest } from './list-renewals.request.dto';

export class ListRenewalsQuery {
  constructor(
    readonly request: ListRenewalsRequest,
    readonly minPosition: string | undefined,
  ) {}
}
