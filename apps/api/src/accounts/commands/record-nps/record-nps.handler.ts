import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { CommandExecutor, type CommandResult } from '@app/commanding';
import { accountDecider } from '@app/domain';
import { streams } from '../../../shared/stream-id.pipe';
import { RecordNpsCommand } from './record-nps.command';

@CommandHandler(RecordNpsCommand)
export class RecordNpsHandler implements ICommandHandler<RecordNpsCommand, CommandResult> {
  constructor(private readonly executor: CommandExecutor) {}

  execute({ id, request, meta }: RecordNpsCommand): Promise<CommandResult> {
    return this.executor.on(streams.account(id), accountDecider).execute(() => ({ kind: 'RecordNps', accountId: id, score: request.score, contactId: request.contactId ?? null, comment: request.comment ?? null }), meta);
  }
}
