import type { CommandMeta } from '@app/commanding';

/** From the triggers: none of the risk reasons hold any more. No HTTP route. */
export class ClearAccountRiskCommand {
  constructor(
    readonly accountId: string,
    readonly meta: CommandMeta,
  ) {}
}
