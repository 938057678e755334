import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { CommandExecutor, type CommandResult } from '@app/commanding';
import { ticketDecider } from '@app/domain';
import { randomUUID } from 'node:crypto';
import { streams } from '../../../shared/stream-id.pipe';
import { AddNoteCommand } from './add-note.command';

@CommandHandler(AddNoteCommand)
export class AddNoteHandler implements ICommandHandler<AddNoteCommand, CommandResult> {
  constructor(private readonly executor: CommandExecutor) {}

  execute({ id, request, meta }: AddNoteCommand): Promise<CommandResult> {
    return this.executor.on(streams.ticket(id), ticketDecider).execute((at) => ({ kind: 'AddNote', ticketId: id, at, noteId: randomUUID(), authorId: request.authorId, body: request.body }), meta);
  }
}
