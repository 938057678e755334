import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { CommandExecutor, type CommandResult } from '@app/commanding';
import { accountDecider, dataSubjects, streams, type AccountCommand } from '@app/domain';
import { PersonalDataCipher } from '@app/privacy';
import { erasedBy } from '../erasure';
import { EraseAccountCommand } from './erase-account.command';

/** As for a contact (erase-contact.handler.ts), for the account's own key and every contact's. */
@CommandHandler(EraseAccountCommand)
export class EraseAccountHandler implements ICommandHandler<EraseAccountCommand, CommandResult> {
  constructor(
    private readonly executor: CommandExecutor,
    private readonly cipher: PersonalDataCipher,
  ) {}

  async execute({ id, payload, meta }: EraseAccountCommand): Promise<CommandResult> {
    const result = await this.executor.execute(
      streams.account(id),
      accountDecider,
      (at): AccountCommand => ({
        kind: 'EraseAccount',
        accountId: id,
        reason: payload.reason,
        erasedBy: erasedBy(meta),
        at,
      }),
      meta,
    );
    await this.cipher.erase(dataSubjects.account(id), dataSubjects.contactsOf(id));
    return result;
  }
}
