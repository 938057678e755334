import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { CommandExecutor, type CommandResult } from '@app/commanding';
import { accountDecider } from '@app/domain';
import { streams } from '../../../shared/stream-id.pipe';
import { ChangeOwnerCommand } from './change-owner.command';

@CommandHandler(ChangeOwnerCommand)
export class ChangeOwnerHandler implements ICommandHandler<ChangeOwnerCommand, CommandResult> {
  constructor(private readonly executor: CommandExecutor) {}

  execute({ id, request, meta }: ChangeOwnerCommand): Promise<CommandResult> {
    return this.executor.on(streams.account(id), accountDecider).execute(() => ({ kind: 'ChangeOwner', accountId: id, ownerId: request.ownerId }), meta);
  }
}
