import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { CommandExecutor, type CommandResult } from '@app/commanding';
import { accountDecider, streams, type AccountCommand } from '@app/domain';
import { AggregateReader } from '../../aggregate-reader';
import { OnboardAccountCommand } from './onboard-account.command';

@CommandHandler(OnboardAccountCommand)
export class OnboardAccountHandler implements ICommandHandler<OnboardAccountCommand, CommandResult> {
  constructor(
    private readonly executor: CommandExecutor,
    private readonly reader: AggregateReader,
  ) {}

  async execute({ id, payload, meta }: OnboardAccountCommand): Promise<CommandResult> {
    const slaPolicyId = payload.slaPolicyId ?? null;
    const slaPolicyExists = slaPolicyId !== null && (await this.reader.exists(streams.slaPolicy(slaPolicyId)));
    const { name, tier, contractStart, renewalDate, ownerId, timeZone } = payload;
    const arr = { amountMinor: payload.arr.amountMinor, currency: payload.arr.currency };
    return this.executor.execute(
      streams.account(id),
      accountDecider,
      (): AccountCommand => ({
        kind: 'OnboardAccount',
        accountId: id,
        name,
        tier,
        arr,
        contractStart,
        renewalDate,
        ownerId,
        timeZone,
        slaPolicyId,
        slaPolicyExists,
      }),
      meta,
    );
  }
}
