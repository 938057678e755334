import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { CommandExecutor, type CommandResult } from '@app/commanding';
import { ticketDecider } from '@app/domain';
import { streams } from '../../../shared/stream-id.pipe';
import { RateCsatCommand } from './rate-csat.command';

@CommandHandler(RateCsatCommand)
export class RateCsatHandler implements ICommandHandler<RateCsatCommand, CommandResult> {
  constructor(private readonly executor: CommandExecutor) {}

  execute({ id, request, meta }: RateCsatCommand): Promise<CommandResult> {
    return this.executor.on(streams.ticket(id), ticketDecider).execute((at) => ({ kind: 'RateCsat', ticketId: id, at, score: request.score, comment: request.comment ?? null }), meta);
  }
}
