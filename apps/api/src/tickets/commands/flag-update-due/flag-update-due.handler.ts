import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { CommandExecutor, type CommandResult } from '@app/commanding';
import { ticketDecider } from '@app/domain';
import { streams } from '../../../shared/stream-id.pipe';
import { FlagUpdateDueCommand } from './flag-update-due.command';

@CommandHandler(FlagUpdateDueCommand)
export class FlagUpdateDueHandler implements ICommandHandler<FlagUpdateDueCommand, CommandResult> {
  constructor(private readonly executor: CommandExecutor) {}

  execute({ ticketId, waitingSince, thresholdMinutes, meta }: FlagUpdateDueCommand): Promise<CommandResult> {
    return this.executor.on(streams.ticket(ticketId), ticketDecider).execute(
      (at) => ({
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
