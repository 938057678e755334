import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { CommandExecutor, type CommandResult } from '@app/commanding';
import { accountDecider, streams } from '@app/domain';
import { contractChangeAt } from '../contract-change';
import { ExpandContractCommand } from './expand-contract.command';

@CommandHandler(ExpandContractCommand)
export class ExpandContractHandler implements ICommandHandler<ExpandContractCommand, CommandResult> {
  constructor(private readonly executor: CommandExecutor) {}

  execute({ id, payload, meta }: ExpandContractCommand): Promise<CommandResult> {
    return this.executor.execute(
      streams.account(id),
      accountDecider,
      contractChangeAt('ExpandContract', id, payload),
      meta,
    );
  }
}
