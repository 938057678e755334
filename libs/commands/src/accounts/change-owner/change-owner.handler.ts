import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { CommandExecutor, type CommandResult } from '@app/commanding';
import { accountDecider, streams, type AccountCommand } from '@app/domain';
import { ChangeOwnerCommand } from './change-owner.command';

@CommandHandler(ChangeOwnerCommand)
export class ChangeOwnerHandler implements ICommandHandler<ChangeOwnerCommand, CommandResult> {
  constructor(private readonly executor: CommandExecutor) {}

  execute({ id, payload, meta }: ChangeOwnerCommand): Promise<CommandResult> {
    return this.executor.execute(
      streams.account(id),
      accountDecider,
      (): AccountCommand => ({ kind: 'ChangeOwner', accountId: id, ownerId: payload.ownerId }),
      meta,
    );
  }
}
