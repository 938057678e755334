import type { TicketStatus } from '@app/domain';
import { BusCommand } from '../../bus-command';

export interface ChangeStatus {
  status: Exclude<TicketStatus, 'new'>;
}

export class ChangeStatusCommand extends BusCommand<ChangeStatus> {}
