import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { CommandExecutor, type CommandResult } from '@app/commanding';
import { ticketDecider } from '@app/domain';
import { streams } from '../../../shared/stream-id.pipe';
import { ChangePriorityCommand } from './change-priority.command';

@CommandHandler(ChangePriorityCommand)
export class ChangePriorityHandler implements ICommandHandler<ChangePriorityCommand, CommandResult> {
  constructor(private readonly executor: CommandExecutor) {}

  execute({ id, request, meta }: ChangePriorityCommand): Promise<CommandResult> {
    return this.executor.on(streams.ticket(id), ticketDecider).execute((at) => ({ kind: 'ChangePriority', ticketId: id, at, priority: request.priority }), meta);
  }
}
