import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { CommandExecutor, type CommandResult } from '@app/commanding';
import { ticketDecider } from '@app/domain';
import { streams } from '../../../shared/stream-id.pipe';
import { FlagLowCsatCommand } from './flag-low-csat.command';

@CommandHandler(FlagLowCsatCommand)
export class FlagLowCsatHandler implements ICommandHandler<FlagLowCsatCommand, CommandResult> {
  constructor(private readonly executor: CommandExecutor) {}

  execute({ ticketId, score, threshold, meta }: FlagLowCsatCommand): Promise<CommandResult> {
    return this.executor.on(streams.ticket(ticketId), ticketDecider).execute((at) => ({ kind: 'FlagLowCsat', ticketId, at, score, threshold }), meta);
  }
}
