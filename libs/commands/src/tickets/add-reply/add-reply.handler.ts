import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { CommandExecutor, type CommandResult } from '@app/commanding';
import { streams, ticketDecider, type TicketCommand } from '@app/domain';
import { randomUUID } from 'node:crypto';
import { AddReplyCommand } from './add-reply.command';

@CommandHandler(AddReplyCommand)
export class AddReplyHandler implements ICommandHandler<AddReplyCommand, CommandResult> {
  constructor(private readonly executor: CommandExecutor) {}

  execute({ id, payload, meta }: AddReplyCommand): Promise<CommandResult> {
    return this.executor.execute(
      streams.ticket(id),
      ticketDecider,
      (at): TicketCommand => ({
        kind: 'AddReply',
        ticketId: id,
        at,
        replyId: randomUUID(),
        author: { kind: payload.author.kind, id: payload.author.id },
        public: payload.public,
        body: payload.body,
      }),
      meta,
    );
  }
}
