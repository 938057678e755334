import type { EscalationTier } from '@app/domain';
import { BusCommand } from '../../bus-command';

export interface EscalateTicket {
  tier: EscalationTier;
  reason: string;
}

export class EscalateTicketCommand extends BusCommand<EscalateTicket> {}
