import { Type, type Static } from '@sinclair/typebox';
import { Strict, Text } from '@app/validation';
import { BusCommand } from '../../bus-command';

export const AssignTicket = Strict({
  group: Text(1, 200, { description: 'The queue, e.g. tier-1 or billing.' }),
  agentId: Type.Optional(Text(1, 200, { description: "The agent; left out, the ticket waits in the group's queue." })),
});
export type AssignTicket = Static<typeof AssignTicket>;

export class AssignTicketCommand extends BusCommand<AssignTicket> {}
