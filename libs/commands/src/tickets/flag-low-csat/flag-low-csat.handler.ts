import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { CommandExecutor, type CommandResult } from '@app/commanding';
import { streams, ticketDecider, type TicketCommand } from '@app/domain';
import { FlagLowCsatCommand } from './flag-low-csat.command';

@CommandHandler(FlagLowCsatCommand)
export class FlagLowCsatHandler implements ICommandHandler<FlagLowCsatCommand, CommandResult> {
  constructor(private readonly executor: CommandExecutor) {}

  execute({ ticketId, score, threshold, meta }: FlagLowCsatCommand): Promise<CommandResult> {
    return this.executor.execute(
      streams.ticket(ticketId),
      ticketDecider,
      (at): TicketCommand => ({ kind: 'FlagLowCsat', ticketId, at, score, threshold }),
      meta,
    );
  }
}
