import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { CommandExecutor, type CommandResult } from '@app/commanding';
import { streams, ticketDecider, type TicketCommand } from '@app/domain';
import { EscalateTicketCommand } from './escalate-ticket.command';

@CommandHandler(EscalateTicketCommand)
export class EscalateTicketHandler implements ICommandHandler<EscalateTicketCommand, CommandResult> {
  constructor(private readonly executor: CommandExecutor) {}

  execute({ id, payload, meta }: EscalateTicketCommand): Promise<CommandResult> {
    return this.executor.execute(
      streams.ticket(id),
      ticketDecider,
      (at): TicketCommand => ({ kind: 'EscalateTicket', ticketId: id, at, tier: payload.tier, reason: payload.reason }),
      meta,
    );
  }
}
