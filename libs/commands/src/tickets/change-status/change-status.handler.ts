import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { CommandExecutor, type CommandResult } from '@app/commanding';
import { streams, ticketDecider, type TicketCommand } from '@app/domain';
import { ChangeStatusCommand } from './change-status.command';

@CommandHandler(ChangeStatusCommand)
export class ChangeStatusHandler implements ICommandHandler<ChangeStatusCommand, CommandResult> {
  constructor(private readonly executor: CommandExecutor) {}

  execute({ id, payload, meta }: ChangeStatusCommand): Promise<CommandResult> {
    return this.executor.execute(
      streams.ticket(id),
      ticketDecider,
      (at): TicketCommand => ({ kind: 'ChangeStatus', ticketId: id, at, status: payload.status }),
      meta,
    );
  }
}
