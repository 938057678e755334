import { randomUUID } from 'node:crypto';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { CommandExecutor, type CommandResult } from '@app/commanding';
import { accountDecider } from '@app/domain';
import { streams } from '../../../shared/stream-id.pipe';
import { AddContactCommand } from './add-contact.command';

@CommandHandler(AddContactCommand)
export class AddContactHandler implements ICommandHandler<AddContactCommand, CommandResult> {
  constructor(private readonly executor: CommandExecutor) {}

  async execute({ id, request, meta }: AddContactCommand): Promise<CommandResult> {
    const contact = { contactId: request.id ?? randomUUID(), name: request.name, email: request.email, role: request.role };
    const result = await this.executor.on(streams.account(id), accountDecider).execute(() => ({ kind: 'AddContact', accountId: id, contact }), meta);
    return { ...result, id: contact.contactId };
  }
}
