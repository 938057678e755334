import type { CommandMeta } from '@app/commanding';

/** From the triggers: the ticket has waited on the team since `waitingSince` for the threshold. No HTTP route. */
export class FlagUpdateDueCommand {
  constructor(
    readonly ticketId: string,
    readonly waitingSince: string,
    readonly thresholdMinutes: number,
    readonly meta: CommandMeta,
  ) {}
}
