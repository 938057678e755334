import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { CommandExecutor, type CommandResult } from '@app/commanding';
import { accountDecider } from '@app/domain';
import { streams } from '../../../shared/stream-id.pipe';
import { ContractContractCommand } from './contract-contract.command';

@CommandHandler(ContractContractCommand)
export class ContractContractHandler implements ICommandHandler<ContractContractCommand, CommandResult> {
  constructor(private readonly executor: CommandExecutor) {}

  execute({ id, request, meta }: ContractContractCommand): Promise<CommandResult> {
    return this.executor.on(streams.account(id), accountDecider).execute((at) => ({ kind: 'ContractContract', accountId: id, delta: { amountMinor: request.delta.amountMinor, currency: request.delta.currency }, effectiveDate: request.effectiveDate ?? at.slice(0, 10) }), meta);
  }
}
