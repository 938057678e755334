import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { CommandExecutor, type CommandResult } from '@app/commanding';
import { accountDecider } from '@app/domain';
import { streams } from '../../../shared/stream-id.pipe';
import { ClearAccountRiskCommand } from './clear-account-risk.command';

@CommandHandler(ClearAccountRiskCommand)
export class ClearAccountRiskHandler implements ICommandHandler<ClearAccountRiskCommand, CommandResult> {
  constructor(private readonly executor: CommandExecutor) {}

  execute({ accountId, meta }: ClearAccountRiskCommand): Promise<CommandResult> {
    return this.executor.on(streams.account(accountId), accountDecider).execute((at) => ({ kind: 'ClearAccountRisk', accountId, at }), meta);
  }
}
