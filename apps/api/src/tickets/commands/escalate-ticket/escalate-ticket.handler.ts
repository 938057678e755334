import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { CommandExecutor, type CommandResult } from '@app/commanding';
import { ticketDecider } from '@app/domain';
import { streams } from '../../../shared/stream-id.pipe';
import { EscalateTicketCommand } from './escalate-ticket.command';

@CommandHandler(EscalateTicketCommand)
export class EscalateTicketHandler implements ICommandHandler<EscalateTicketCommand, CommandResult> {
  constructor(private readonly executor: CommandExecutor) {}

  execute({ id, request, meta }: EscalateTicketCommand): Promise<CommandResult> {
    return this.executor.on(streams.ticket(id), ticketDecider).execute((at) => ({ kind: 'EscalateTicket', ticketId: id, at, tier: request.tier, reason: request.reason }), meta);
  }
}
