import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { CommandExecutor, type CommandResult } from '@app/commanding';
import { accountDecider } from '@app/domain';
import { streams } from '../../../shared/stream-id.pipe';
import { RenewContractCommand } from './renew-contract.command';

@CommandHandler(RenewContractCommand)
export class RenewContractHandler implements ICommandHandler<RenewContractCommand, CommandResult> {
  constructor(private readonly executor: CommandExecutor) {}

  execute({ id, request, meta }: RenewContractCommand): Promise<CommandResult> {
    return this.executor.on(streams.account(id), accountDecider).execute((at) => ({ kind: 'RenewContract', accountId: id, arr: { amountMinor: request.arr.amountMinor, currency: request.arr.currency }, renewalDate: request.renewalDate, effectiveDate: request.effectiveDate ?? at.slice(0, 10) }), meta);
  }
}
