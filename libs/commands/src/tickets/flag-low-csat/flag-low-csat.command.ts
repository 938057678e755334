import type { CommandMeta } from '@app/commanding';

/** From the triggers: the ticket was rated `score`, at or below `threshold`. No HTTP route. */
export class FlagLowCsatCommand {
  constructor(
    readonly ticketId: string,
    readonly score: number,
    readonly threshold: number,
    readonly meta: CommandMeta,
  ) {}
}
