import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { CommandExecutor, type CommandResult } from '@app/commanding';
import { accountDecider } from '@app/domain';
import { streams } from '../../../shared/stream-id.pipe';
import { ChangeTierCommand } from './change-tier.command';

@CommandHandler(ChangeTierCommand)
export class ChangeTierHandler implements ICommandHandler<ChangeTierCommand, CommandResult> {
  constructor(private readonly executor: CommandExecutor) {}

  execute({ id, request, meta }: ChangeTierCommand): Promise<CommandResult> {
    return this.executor.on(streams.account(id), accountDecider).execute(() => ({ kind: 'ChangeTier', accountId: id, tier: request.tier }), meta);
  }
}
