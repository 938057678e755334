import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { CommandExecutor, type CommandResult } from '@app/commanding';
import { accountDecider, streams, type AccountCommand } from '@app/domain';
import { ClearAccountRiskCommand } from './clear-account-risk.command';

@CommandHandler(ClearAccountRiskCommand)
export class ClearAccountRiskHandler implements ICommandHandler<ClearAccountRiskCommand, CommandResult> {
  constructor(private readonly executor: CommandExecutor) {}

  execute({ accountId, meta }: ClearAccountRiskCommand): Promise<CommandResult> {
    return this.executor.execute(
      streams.account(accountId),
      accountDecider,
      (at): AccountCommand => ({ kind: 'ClearAccountRisk', accountId, at }),
      meta,
    );
  }
}
