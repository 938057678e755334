import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { CommandExecutor, type CommandResult } from '@app/commanding';
import { streams, ticketDecider, type TicketCommand } from '@app/domain';
import { FlagUpdateDueCommand } from './flag-update-due.command';

@CommandHandler(FlagUpdateDueCommand)
export class FlagUpdateDueHandler implements ICommandHandler<FlagUpdateDueCommand, CommandResult> {
  constructor(private readonly executor: CommandExecutor) {}

  execute({ ticketId, waitingSince, thresholdMinutes, meta }: FlagUpdateDueCommand): Promise<CommandResult> {
    return this.executor.execute(
      streams.ticket(ticketId),
      ticketDecider,
      (at): TicketCommand => ({
        kind: 'FlagUpdateDue',
        ticketId,
        at,
        waitingSince,
        thresholdMinutes,
      }),
      meta,
    );
  }
}
