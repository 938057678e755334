import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { CommandExecutor, type CommandResult } from '@app/commanding';
import { accountDecider } from '@app/domain';
import { streams } from '../../../shared/stream-id.pipe';
import { ExpandContractCommand } from './expand-contract.command';

@CommandHandler(ExpandContractCommand)
export class ExpandContractHandler implements ICommandHandler<ExpandContractCommand, CommandResult> {
  constructor(private readonly executor: CommandExecutor) {}

  execute({ id, request, meta }: ExpandContractCommand): Promise<CommandResult> {
    return this.executor.on(streams.account(id), accountDecider).execute((at) => ({ kind: 'ExpandContract', accountId: id, delta: { amountMinor: request.delta.amountMinor, currency: request.delta.currency }, effectiveDate: request.effectiveDate ?? at.slice(0, 10) }), meta);
  }
}
