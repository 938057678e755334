import type { Static } from '@sinclair/typebox';
import { ESCALATION_TIERS } from '@app/domain';
import { OneOf, Strict, Text } from '@app/validation';
import { BusCommand } from '../../bus-command';

export const EscalateTicket = Strict({ tier: OneOf(ESCALATION_TIERS), reason: Text(1, 2000) });
export type EscalateTicket = Static<typeof EscalateTicket>;

export class EscalateTicketCommand extends BusCommand<EscalateTicket> {}
