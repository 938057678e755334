import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { CommandExecutor, type CommandResult } from '@app/commanding';
import { accountDecider } from '@app/domain';
import { AggregateReader } from '../../../shared/aggregate-reader';
import { streams } from '../../../shared/stream-id.pipe';
import { OnboardAccountCommand } from './onboard-account.command';

@CommandHandler(OnboardAccountCommand)
export class OnboardAccountHandler implements ICommandHandler<OnboardAccountCommand, CommandResult> {
  constructor(
    private readonly executor: CommandExecutor,
    private readonly reader: AggregateReader,
  ) {}

  async execute({ id, request, meta }: OnboardAccountCommand): Promise<CommandResult> {
    const slaPolicyId = request.slaPolicyId ?? null;
    const slaPolicyExists = slaPolicyId !== null && (await this.reader.exists(streams.slaPolicy(slaPolicyId)));
    const { name, tier, contractStart, renewalDate, ownerId, timeZone } = request;
    const arr = { amountMinor: request.arr.amountMinor, currency: request.arr.currency };
    return this.executor
      .on(streams.account(id), accountDecider)
      .execute(() => ({ kind: 'OnboardAccount', accountId: id, name, tier, arr, contractStart, renewalDate, ownerId, timeZone, slaPolicyId, slaPolicyExists }), meta);
  }
}
