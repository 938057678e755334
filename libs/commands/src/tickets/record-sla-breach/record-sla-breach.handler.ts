import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { CommandExecutor, type CommandResult } from '@app/commanding';
import { streams, ticketDecider, type TicketCommand } from '@app/domain';
import { RecordSlaBreachCommand } from './record-sla-breach.command';

@CommandHandler(RecordSlaBreachCommand)
export class RecordSlaBreachHandler implements ICommandHandler<RecordSlaBreachCommand, CommandResult> {
  constructor(private readonly executor: CommandExecutor) {}

  execute({ ticketId, instance, dueAt, meta }: RecordSlaBreachCommand): Promise<CommandResult> {
    return this.executor.execute(
      streams.ticket(ticketId),
      ticketDecider,
      (at): TicketCommand => ({ kind: 'RecordSlaBreach', ticketId, at, instance, dueAt }),
      meta,
    );
  }
}
