import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { CommandExecutor, type CommandResult } from '@app/commanding';
import { accountDecider } from '@app/domain';
import { streams } from '../../../shared/stream-id.pipe';
import { FlagAccountRiskCommand } from './flag-account-risk.command';

@CommandHandler(FlagAccountRiskCommand)
export class FlagAccountRiskHandler implements ICommandHandler<FlagAccountRiskCommand, CommandResult> {
  constructor(private readonly executor: CommandExecutor) {}

  execute({ accountId, reasons, meta }: FlagAccountRiskCommand): Promise<CommandResult> {
    return this.executor.on(streams.account(accountId), accountDecider).execute((at) => ({ kind: 'FlagAccountRisk', accountId, at, reasons }), meta);
  }
}
