export class GetTicketQuery {
  constructor(
    readonly ticketId: string,
    /** A log position or an ISO instant; now when undefined. */
    readonly asOf?: string,
  ) {}
}
