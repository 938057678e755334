import type { Channel, Priority } from '@app/domain';
import { BusCommand } from '../../bus-command';

export interface OpenTicket {
  /** The id the caller chose for what it creates; generated when left out. */
  id?: string;
  accountId: string;
  contactId: string;
  subject: string;
  description?: string;
  channel: Channel;
  priority: Priority;
  category: string;
}

export class OpenTicketCommand extends BusCommand<OpenTicket> {}
