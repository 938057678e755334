import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { CommandExecutor, type CommandResult } from '@app/commanding';
import { accountDecider, streams, type AccountCommand } from '@app/domain';
import { FlagAccountRiskCommand } from './flag-account-risk.command';

@CommandHandler(FlagAccountRiskCommand)
export class FlagAccountRiskHandler implements ICommandHandler<FlagAccountRiskCommand, CommandResult> {
  constructor(private readonly executor: CommandExecutor) {}

  execute({ accountId, reasons, meta }: FlagAccountRiskCommand): Promise<CommandResult> {
    return this.executor.execute(
      streams.account(accountId),
      accountDecider,
      (at): AccountCommand => ({ kind: 'FlagAccountRisk', accountId, at, reasons }),
      meta,
    );
  }
}
