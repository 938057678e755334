import type { CommandMeta } from '@app/commanding';

/** From the SLA clock: the target instance reached the due instant it saw. No HTTP route: the clock role sends it. */
export class RecordSlaBreachCommand {
  constructor(
    readonly ticketId: string,
    readonly instance: string,
    readonly dueAt: string,
    readonly meta: CommandMeta,
  ) {}
}
