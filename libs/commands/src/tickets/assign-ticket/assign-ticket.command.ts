import { BusCommand } from '../../bus-command';

export interface AssignTicket {
  group: string;
  agentId?: string;
}

export class AssignTicketCommand extends BusCommand<AssignTicket> {}
