import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { CommandExecutor, type CommandResult } from '@app/commanding';
import { streams, ticketDecider, type TicketCommand } from '@app/domain';
import { RecordSlaAtRiskCommand } from './record-sla-at-risk.command';

@CommandHandler(RecordSlaAtRiskCommand)
export class RecordSlaAtRiskHandler implements ICommandHandler<RecordSlaAtRiskCommand, CommandResult> {
  constructor(private readonly executor: CommandExecutor) {}

  execute({ ticketId, instance, atRiskAt, meta }: RecordSlaAtRiskCommand): Promise<CommandResult> {
    return this.executor.execute(
      streams.ticket(ticketId),
      ticketDecider,
      (at): TicketCommand => ({ kind: 'RecordSlaAtRisk', ticketId, at, instance, atRiskAt }),
      meta,
    );
  }
}
