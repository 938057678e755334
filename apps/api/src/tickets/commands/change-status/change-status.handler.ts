import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { CommandExecutor, type CommandResult } from '@app/commanding';
import { ticketDecider } from '@app/domain';
import { streams } from '../../../shared/stream-id.pipe';
import { ChangeStatusCommand } from './change-status.command';

@CommandHandler(ChangeStatusCommand)
export class ChangeStatusHandler implements ICommandHandler<ChangeStatusCommand, CommandResult> {
  constructor(private readonly executor: CommandExecutor) {}

  execute({ id, request, meta }: ChangeStatusCommand): Promise<CommandResult> {
    return this.executor.on(streams.ticket(id), ticketDecider).execute((at) => ({ kind: 'ChangeStatus', ticketId: id, at, status: request.status }), meta);
  }
}
