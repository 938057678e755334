import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { CommandExecutor, type CommandResult } from '@app/commanding';
import { accountDecider, streams, type AccountCommand } from '@app/domain';
import { RecordNpsCommand } from './record-nps.command';

@CommandHandler(RecordNpsCommand)
export class RecordNpsHandler implements ICommandHandler<RecordNpsCommand, CommandResult> {
  constructor(private readonly executor: CommandExecutor) {}

  execute({ id, payload, meta }: RecordNpsCommand): Promise<CommandResult> {
    return this.executor.execute(
      streams.account(id),
      accountDecider,
      (): AccountCommand => ({
        kind: 'RecordNps',
        accountId: id,
        score: payload.score,
        contactId: payload.contactId ?? null,
        comment: payload.comment ?? null,
      }),
      meta,
    );
  }
}
