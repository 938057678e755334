import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { CommandExecutor, type CommandResult } from '@app/commanding';
import { accountDecider, streams, type AccountCommand } from '@app/domain';
import { ContractContractCommand } from './contract-contract.command';

@CommandHandler(ContractContractCommand)
export class ContractContractHandler implements ICommandHandler<ContractContractCommand, CommandResult> {
  constructor(private readonly executor: CommandExecutor) {}

  execute({ id, payload, meta }: ContractContractCommand): Promise<CommandResult> {
    return this.executor.execute(
      streams.account(id),
      accountDecider,
      (at): AccountCommand => ({
        kind: 'ContractContract',
        accountId: id,
        delta: { amountMinor: payload.delta.amountMinor, currency: payload.delta.currency },
        effectiveDate: payload.effectiveDate ?? at.slice(0, 10),
      }),
      meta,
    );
  }
}
