import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { CommandExecutor, type CommandResult } from '@app/commanding';
import { streams, ticketDecider, type TicketCommand } from '@app/domain';
import { AssignTicketCommand } from './assign-ticket.command';

@CommandHandler(AssignTicketCommand)
export class AssignTicketHandler implements ICommandHandler<AssignTicketCommand, CommandResult> {
  constructor(private readonly executor: CommandExecutor) {}

  execute({ id, payload, meta }: AssignTicketCommand): Promise<CommandResult> {
    return this.executor.execute(
      streams.ticket(id),
      ticketDecider,
      (at): TicketCommand => ({
        kind: 'AssignTicket',
        ticketId: id,
        at,
        group: payload.group,
        agentId: payload.agentId ?? null,
      }),
      meta,
    );
  }
}
