import { IsIn, IsString, Length } from 'class-validator';
import { ESCALATION_TIERS, type EscalationTier } from '@app/domain';
import type { EscalateTicket } from '@app/commands';

export class EscalateTicketRequest implements EscalateTicket {
  @IsIn(ESCALATION_TIERS, { message: `must be one of ${ESCALATION_TIERS.join(', ')}` })
  tier: EscalationTier;

  @IsString()
  @Length(1, 2000)
  reason: string;
}
