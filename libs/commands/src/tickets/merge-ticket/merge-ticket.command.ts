import type { Static } from '@sinclair/typebox';
import { Id, rule, Strict } from '@app/validation';
import { BusCommand } from '../../bus-command';

export const MergeTicket = Strict({
  intoTicketId: Id('a ticket id', {
    description: 'The open ticket of the same account that absorbs this one.',
    ...rule('another ticket, one that exists'),
  }),
});
export type MergeTicket = Static<typeof MergeTicket>;

export class MergeTicketCommand extends BusCommand<MergeTicket> {}
