import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { CommandExecutor, type CommandResult } from '@app/commanding';
import { streams, ticketDecider, type TicketCommand } from '@app/domain';
import { ChangePriorityCommand } from './change-priority.command';

@CommandHandler(ChangePriorityCommand)
export class ChangePriorityHandler implements ICommandHandler<ChangePriorityCommand, CommandResult> {
  constructor(private readonly executor: CommandExecutor) {}

  execute({ id, payload, meta }: ChangePriorityCommand): Promise<CommandResult> {
    return this.executor.execute(
      streams.ticket(id),
      ticketDecider,
      (at): TicketCommand => ({ kind: 'ChangePriority', ticketId: id, at, priority: payload.priority }),
      meta,
    );
  }
}
