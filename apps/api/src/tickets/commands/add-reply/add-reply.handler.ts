import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { CommandExecutor, type CommandResult } from '@app/commanding';
import { ticketDecider } from '@app/domain';
import { randomUUID } from 'node:crypto';
import { streams } from '../../../shared/stream-id.pipe';
import { AddReplyCommand } from './add-reply.command';

@CommandHandler(AddReplyCommand)
export class AddReplyHandler implements ICommandHandler<AddReplyCommand, CommandResult> {
  constructor(private readonly executor: CommandExecutor) {}

  execute({ id, request, meta }: AddReplyCommand): Promise<CommandResult> {
    return this.executor.on(streams.ticket(id), ticketDecider).execute((at) => ({ kind: 'AddReply', ticketId: id, at, replyId: randomUUID(), author: { kind: request.author.kind, id: request.author.id }, public: request.public, body: request.body }), meta);
  }
}
