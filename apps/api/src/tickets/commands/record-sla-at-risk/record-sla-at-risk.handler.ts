import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { CommandExecutor, type CommandResult } from '@app/commanding';
import { ticketDecider } from '@app/domain';
import { streams } from '../../../shared/stream-id.pipe';
import { RecordSlaAtRiskCommand } from './record-sla-at-risk.command';

@CommandHandler(RecordSlaAtRiskCommand)
export class RecordSlaAtRiskHandler implements ICommandHandler<RecordSlaAtRiskCommand, CommandResult> {
  constructor(private readonly executor: CommandExecutor) {}

  execute({ ticketId, instance, atRiskAt, meta }: RecordSlaAtRiskCommand): Promise<CommandResult> {
    return this.executor.on(streams.ticket(ticketId), ticketDecider).execute((at) => ({ kind: 'RecordSlaAtRisk', ticketId, at, instance, atRiskAt }), meta);
  }
}
