import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { CommandExecutor, type CommandResult } from '@app/commanding';
import { accountDecider, streams, type AccountCommand } from '@app/domain';
import { ChurnAccountCommand } from './churn-account.command';

@CommandHandler(ChurnAccountCommand)
export class ChurnAccountHandler implements ICommandHandler<ChurnAccountCommand, CommandResult> {
  constructor(private readonly executor: CommandExecutor) {}

  execute({ id, payload, meta }: ChurnAccountCommand): Promise<CommandResult> {
    return this.executor.execute(
      streams.account(id),
      accountDecider,
      (at): AccountCommand => ({
        kind: 'ChurnAccount',
        accountId: id,
        reason: payload.reason,
        effectiveDate: payload.effectiveDate ?? at.slice(0, 10),
      }),
      meta,
    );
  }
}
