import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { CommandExecutor, type CommandResult } from '@app/commanding';
import { accountDecider, streams, type AccountCommand } from '@app/domain';
import { RemoveContactCommand } from './remove-contact.command';

@CommandHandler(RemoveContactCommand)
export class RemoveContactHandler implements ICommandHandler<RemoveContactCommand, CommandResult> {
  constructor(private readonly executor: CommandExecutor) {}

  execute({ id, payload, meta }: RemoveContactCommand): Promise<CommandResult> {
    return this.executor.execute(
      streams.account(id),
      accountDecider,
      (): AccountCommand => ({ kind: 'RemoveContact', accountId: id, contactId: payload }),
      meta,
    );
  }
}
