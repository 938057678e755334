import { BusCommand } from '../../bus-command';

export interface MergeTicket {
  intoTicketId: string;
}

export class MergeTicketCommand extends BusCommand<MergeTicket> {}
