import type { CommandMeta } from '@app/commanding';

/** From the triggers: the latest rating rose above `threshold`. No HTTP route. */
export class ClearLowCsatCommand {
  constructor(
    readonly ticketId: string,
    readonly threshold: number,
    readonly meta: CommandMeta,
  ) {}
}
