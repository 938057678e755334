import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { CommandExecutor, type CommandResult } from '@app/commanding';
import { ticketDecider } from '@app/domain';
import { streams } from '../../../shared/stream-id.pipe';
import { AlertStrategicBreachCommand } from './alert-strategic-breach.command';

@CommandHandler(AlertStrategicBreachCommand)
export class AlertStrategicBreachHandler implements ICommandHandler<AlertStrategicBreachCommand, CommandResult> {
  constructor(private readonly executor: CommandExecutor) {}

  execute({ ticketId, instance, meta }: AlertStrategicBreachCommand): Promise<CommandResult> {
    return this.executor.on(streams.ticket(ticketId), ticketDecider).execute((at) => ({ kind: 'AlertStrategicBreach', ticketId, at, instance }), meta);
  }
}
