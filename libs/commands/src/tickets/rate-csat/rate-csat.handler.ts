import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { CommandExecutor, type CommandResult } from '@app/commanding';
import { streams, ticketDecider, type TicketCommand } from '@app/domain';
import { RateCsatCommand } from './rate-csat.command';

@CommandHandler(RateCsatCommand)
export class RateCsatHandler implements ICommandHandler<RateCsatCommand, CommandResult> {
  constructor(private readonly executor: CommandExecutor) {}

  execute({ id, payload, meta }: RateCsatCommand): Promise<CommandResult> {
    return this.executor.execute(
      streams.ticket(id),
      ticketDecider,
      (at): TicketCommand => ({
        kind: 'RateCsat',
        ticketId: id,
        at,
        score: payload.score,
        comment: payload.comment ?? null,
      }),
      meta,
    );
  }
}
