import { Type, type Static } from '@sinclair/typebox';
import { CHANNELS, PRIORITIES } from '@app/domain';
import { Id, OneOf, rule, Strict, Text } from '@app/validation';
import { BusCommand } from '../../bus-command';
import { CreatedId } from '../../created-id';

export const OpenTicket = Strict({
  id: CreatedId('a ticket id'),
  accountId: Id('an account id', rule('an account that exists')),
  contactId: Id('a contact id', { description: 'Who asks.', ...rule('a contact of the account') }),
  subject: Text(1, 500),
  description: Type.Optional(Text(0, 100_000)),
  channel: OneOf(CHANNELS),
  priority: OneOf(PRIORITIES),
  category: Text(1, 200, { description: 'Free-form category, e.g. billing, authentication.' }),
});
export type OpenTicket = Static<typeof OpenTicket>;

export class OpenTicketCommand extends BusCommand<OpenTicket> {}
