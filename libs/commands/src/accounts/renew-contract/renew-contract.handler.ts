import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { CommandExecutor, type CommandResult } from '@app/commanding';
import { accountDecider, streams, type AccountCommand } from '@app/domain';
import { RenewContractCommand } from './renew-contract.command';

@CommandHandler(RenewContractCommand)
export class RenewContractHandler implements ICommandHandler<RenewContractCommand, CommandResult> {
  constructor(private readonly executor: CommandExecutor) {}

  execute({ id, payload, meta }: RenewContractCommand): Promise<CommandResult> {
    return this.executor.execute(
      streams.account(id),
      accountDecider,
      (at): AccountCommand => ({
        kind: 'RenewContract',
        accountId: id,
        arr: { amountMinor: payload.arr.amountMinor, currency: payload.arr.currency },
        renewalDate: payload.renewalDate,
        effectiveDate: payload.effectiveDate ?? at.slice(0, 10),
      }),
      meta,
    );
  }
}
