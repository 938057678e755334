import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { CommandExecutor, type CommandResult } from '@app/commanding';
import { streams, ticketDecider, type TicketCommand } from '@app/domain';
import { AlertStrategicBreachCommand } from './alert-strategic-breach.command';

@CommandHandler(AlertStrategicBreachCommand)
export class AlertStrategicBreachHandler implements ICommandHandler<AlertStrategicBreachCommand, CommandResult> {
  constructor(private readonly executor: CommandExecutor) {}

  execute({ ticketId, instance, meta }: AlertStrategicBreachCommand): Promise<CommandResult> {
    return this.executor.execute(
      streams.ticket(ticketId),
      ticketDecider,
      (at): TicketCommand => ({ kind: 'AlertStrategicBreach', ticketId, at, instance }),
      meta,
    );
  }
}
