import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { CommandExecutor, type CommandResult } from '@app/commanding';
import { accountDecider, streams } from '@app/domain';
import { contractChangeAt } from '../contract-change';
import { ContractContractCommand } from './contract-contract.command';

@CommandHandler(ContractContractCommand)
export class ContractContractHandler implements ICommandHandler<ContractContractCommand, CommandResult> {
  constructor(private readonly executor: CommandExecutor) {}

  execute({ id, payload, meta }: ContractContractCommand): Promise<CommandResult> {
    return this.executor.execute(
      streams.account(id),
      accountDecider,
      contractChangeAt('ContractContract', id, payload),
      meta,
    );
  }
}
