import { BusCommand } from '../../bus-command';
import type { EraseAccount } from '../erase-account/erase-account.command';

export type EraseContact = EraseAccount & { contactId: string };

export class EraseContactCommand extends BusCommand<EraseContact> {}
