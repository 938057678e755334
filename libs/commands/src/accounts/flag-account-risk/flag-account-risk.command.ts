import type { CommandMeta } from '@app/commanding';
import type { RiskReason } from '@app/domain';

/** From the triggers: a renewal close by, with the reasons that put it at risk. No HTTP route. */
export class FlagAccountRiskCommand {
  constructor(
    readonly accountId: string,
    readonly reasons: RiskReason[],
    readonly meta: CommandMeta,
  ) {}
}
