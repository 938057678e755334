import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { CommandExecutor, type CommandResult } from '@app/commanding';
import { accountDecider, streams, type AccountCommand } from '@app/domain';
import { ChangeTierCommand } from './change-tier.command';

@CommandHandler(ChangeTierCommand)
export class ChangeTierHandler implements ICommandHandler<ChangeTierCommand, CommandResult> {
  constructor(private readonly executor: CommandExecutor) {}

  execute({ id, payload, meta }: ChangeTierCommand): Promise<CommandResult> {
    return this.executor.execute(
      streams.account(id),
      accountDecider,
      (): AccountCommand => ({ kind: 'ChangeTier', accountId: id, tier: payload.tier }),
      meta,
    );
  }
}
