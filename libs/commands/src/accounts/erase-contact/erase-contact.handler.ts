import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { CommandExecutor, type CommandResult } from '@app/commanding';
import { accountDecider, dataSubjects, streams, type AccountCommand } from '@app/domain';
import { PersonalDataCipher } from '@app/privacy';
import { erasedBy } from '../erasure';
import { EraseContactCommand } from './erase-contact.command';

/**
 * Records the erasure, then deletes the contact's key. Both steps are idempotent: a request that
 * failed between them (answered 5xx) finishes the erasure when retried.
 */
@CommandHandler(EraseContactCommand)
export class EraseContactHandler implements ICommandHandler<EraseContactCommand, CommandResult> {
  constructor(
    private readonly executor: CommandExecutor,
    private readonly cipher: PersonalDataCipher,
  ) {}

  async execute({ id, payload, meta }: EraseContactCommand): Promise<CommandResult> {
    const result = await this.executor.execute(
      streams.account(id),
      accountDecider,
      (at): AccountCommand => ({
        kind: 'EraseContact',
        accountId: id,
        contactId: payload.contactId,
        reason: payload.reason,
        erasedBy: erasedBy(meta),
        at,
      }),
      meta,
    );
    await this.cipher.erase(dataSubjects.contact(id, payload.contactId));
    return result;
  }
}
