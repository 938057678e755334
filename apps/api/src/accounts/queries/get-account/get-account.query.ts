export class GetAccountQuery {
  constructor(
    readonly accountId: string,
    /** A log position or an ISO instant; now when undefined. */
    readonly asOf?: string,
  ) {}
}
