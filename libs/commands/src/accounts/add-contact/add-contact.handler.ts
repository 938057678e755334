import { randomUUID } from 'node:crypto';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { CommandExecutor, type CommandResult } from '@app/commanding';
import { accountDecider, streams, type AccountCommand } from '@app/domain';
import { AddContactCommand } from './add-contact.command';

@CommandHandler(AddContactCommand)
export class AddContactHandler implements ICommandHandler<AddContactCommand, CommandResult> {
  constructor(private readonly executor: CommandExecutor) {}

  async execute({ id, payload, meta }: AddContactCommand): Promise<CommandResult> {
    const contact = {
      contactId: payload.id ?? randomUUID(),
      name: payload.name,
      email: payload.email,
      role: payload.role,
    };
    const result = await this.executor.execute(
      streams.account(id),
      accountDecider,
      (): AccountCommand => ({ kind: 'AddContact', accountId: id, contact }),
      meta,
    );
    return { ...result, id: contact.contactId };
  }
}
