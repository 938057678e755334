import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { CommandExecutor, type CommandResult } from '@app/commanding';
import { streams, ticketDecider, type TicketCommand } from '@app/domain';
import { ClearLowCsatCommand } from './clear-low-csat.command';

@CommandHandler(ClearLowCsatCommand)
export class ClearLowCsatHandler implements ICommandHandler<ClearLowCsatCommand, CommandResult> {
  constructor(private readonly executor: CommandExecutor) {}

  execute({ ticketId, threshold, meta }: ClearLowCsatCommand): Promise<CommandResult> {
    return this.executor.execute(
      streams.ticket(ticketId),
      ticketDecider,
      (at): TicketCommand => ({ kind: 'ClearLowCsat', ticketId, at, threshold }),
      meta,
    );
  }
}
