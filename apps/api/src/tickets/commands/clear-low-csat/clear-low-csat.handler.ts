import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { CommandExecutor, type CommandResult } from '@app/commanding';
import { ticketDecider } from '@app/domain';
import { streams } from '../../../shared/stream-id.pipe';
import { ClearLowCsatCommand } from './clear-low-csat.command';

@CommandHandler(ClearLowCsatCommand)
export class ClearLowCsatHandler implements ICommandHandler<ClearLowCsatCommand, CommandResult> {
  constructor(private readonly executor: CommandExecutor) {}

  execute({ ticketId, threshold, meta }: ClearLowCsatCommand): Promise<CommandResult> {
    return this.executor.on(streams.ticket(ticketId), ticketDecider).execute((at) => ({ kind: 'ClearLowCsat', ticketId, at, threshold }), meta);
  }
}
