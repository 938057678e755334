import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { CommandExecutor, type CommandResult } from '@app/commanding';
import { ticketDecider } from '@app/domain';
import { streams } from '../../../shared/stream-id.pipe';
import { RecordSlaBreachCommand } from './record-sla-breach.command';

@CommandHandler(RecordSlaBreachCommand)
export class RecordSlaBreachHandler implements ICommandHandler<RecordSlaBreachCommand, CommandResult> {
  constructor(private readonly executor: CommandExecutor) {}

  execute({ ticketId, instance, dueAt, meta }: RecordSlaBreachCommand): Promise<CommandResult> {
    return this.executor.on(streams.ticket(ticketId), ticketDecider).execute((at) => ({ kind: 'RecordSlaBreach', ticketId, at, instance, dueAt }), meta);
  }
}
