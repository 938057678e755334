import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { CommandExecutor, type CommandResult } from '@app/commanding';
import { accountDecider } from '@app/domain';
import { streams } from '../../../shared/stream-id.pipe';
import { ChurnAccountCommand } from './churn-account.command';

@CommandHandler(ChurnAccountCommand)
export class ChurnAccountHandler implements ICommandHandler<ChurnAccountCommand, CommandResult> {
  constructor(private readonly executor: CommandExecutor) {}

  execute({ id, request, meta }: ChurnAccountCommand): Promise<CommandResult> {
    return this.executor.on(streams.account(id), accountDecider).execute((at) => ({ kind: 'ChurnAccount', accountId: id, reason: request.reason, effectiveDate: request.effectiveDate ?? at.slice(0, 10) }), meta);
  }
}
