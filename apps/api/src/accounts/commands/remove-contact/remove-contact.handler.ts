import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { CommandExecutor, type CommandResult } from '@app/commanding';
import { accountDecider } from '@app/domain';
import { streams } from '../../../shared/stream-id.pipe';
import { RemoveContactCommand } from './remove-contact.command';

@CommandHandler(RemoveContactCommand)
export class RemoveContactHandler implements ICommandHandler<RemoveContactCommand, CommandResult> {
  constructor(private readonly executor: CommandExecutor) {}

  execute({ id, request, meta }: RemoveContactCommand): Promise<CommandResult> {
    return this.executor.on(streams.account(id), accountDecider).execute(() => ({ kind: 'RemoveContact', accountId: id, contactId: request }), meta);
  }
}
