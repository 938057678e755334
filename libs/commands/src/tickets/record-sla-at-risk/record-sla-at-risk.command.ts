import type { CommandMeta } from '@app/commanding';

/** From the SLA clock: the target instance reached the at-risk instant it saw. No HTTP route: the clock role sends it. */
export class RecordSlaAtRiskCommand {
  constructor(
    readonly ticketId: string,
    readonly instance: string,
    readonly atRiskAt: string,
    readonly meta: CommandMeta,
  ) {}
}
