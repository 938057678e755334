import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { CommandExecutor, type CommandResult } from '@app/commanding';
import { accountDecider, streams, type AccountCommand } from '@app/domain';
import { ExpandContractCommand } from './expand-contract.command';

@CommandHandler(ExpandContractCommand)
export class ExpandContractHandler implements ICommandHandler<ExpandContractCommand, CommandResult> {
  constructor(private readonly executor: CommandExecutor) {}

  execute({ id, payload, meta }: ExpandContractCommand): Promise<CommandResult> {
    return this.executor.execute(
      streams.account(id),
      accountDecider,
      (at): AccountCommand => ({
        kind: 'ExpandContract',
        accountId: id,
        delta: { amountMinor: payload.delta.amountMinor, currency: payload.delta.currency },
        effectiveDate: payload.effectiveDate ?? at.slice(0, 10),
      }),
      meta,
    );
  }
}
