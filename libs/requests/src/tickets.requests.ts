import { Type, type Static } from '@sinclair/typebox';
import type { CommandToSend } from '@app/commanding';
import { CHANNELS, ESCALATION_TIERS, PRIORITIES } from '@app/domain';
import { Id, OneOf, rule, Strict, Text } from '@app/validation';
import { CreatedId } from './created-id';

/** What callers may ask of a ticket (bodies of /v1/tickets…), and the command each becomes. */

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

export const openTicket = (ticketId: string, { id: _id, description, ...request }: OpenTicket): CommandToSend => ({
  kind: 'OpenTicket',
  ticketId,
  ...request,
  description: description ?? '',
});

export const AddReply = Strict(
  {
    author: Strict(
      {
        kind: OneOf(['agent', 'customer'] as const),
        id: Text(1, 200, { description: 'Agent id, or the contact id for a customer.' }),
      },
      { description: 'Who wrote the reply; the caller recorded in metadata comes from the token.' },
    ),
    public: Type.Boolean({
      description: 'Public replies are seen by the customer; customer replies are always public.',
    }),
    body: Text(1, 100_000),
  },
  {
    if: {
      required: ['author'],
      properties: { author: { required: ['kind'], properties: { kind: { const: 'customer' } } } },
    },
    then: { properties: { public: { const: true, errorMessage: 'customer replies are always public' } } },
  },
);
export type AddReply = Static<typeof AddReply>;

export const addReply = (ticketId: string, replyId: string, request: AddReply): CommandToSend => ({
  kind: 'AddReply',
  ticketId,
  replyId,
  author: { kind: request.author.kind, id: request.author.id },
  public: request.public,
  body: request.body,
});

export const AddNote = Strict({
  authorId: Text(1, 200, { description: 'The agent writing the note.' }),
  body: Text(1, 100_000),
});
export type AddNote = Static<typeof AddNote>;

export const addNote = (ticketId: string, noteId: string, request: AddNote): CommandToSend => ({
  kind: 'AddNote',
  ticketId,
  noteId,
  ...request,
});

/** Every status but `new`, which only opening a ticket sets. */
export const ChangeStatus = Strict({ status: OneOf(['open', 'pending', 'on_hold', 'solved', 'closed'] as const) });
export type ChangeStatus = Static<typeof ChangeStatus>;

export const changeStatus = (ticketId: string, request: ChangeStatus): CommandToSend => ({
  kind: 'ChangeStatus',
  ticketId,
  status: request.status,
});

export const AssignTicket = Strict({
  group: Text(1, 200, { description: 'The queue, e.g. tier-1 or billing.' }),
  agentId: Type.Optional(Text(1, 200, { description: "The agent; left out, the ticket waits in the group's queue." })),
});
export type AssignTicket = Static<typeof AssignTicket>;

export const assignTicket = (ticketId: string, request: AssignTicket): CommandToSend => ({
  kind: 'AssignTicket',
  ticketId,
  group: request.group,
  agentId: request.agentId ?? null,
});

export const ChangePriority = Strict({ priority: OneOf(PRIORITIES) });
export type ChangePriority = Static<typeof ChangePriority>;

export const changePriority = (ticketId: string, request: ChangePriority): CommandToSend => ({
  kind: 'ChangePriority',
  ticketId,
  priority: request.priority,
});

export const EscalateTicket = Strict({ tier: OneOf(ESCALATION_TIERS), reason: Text(1, 2000) });
export type EscalateTicket = Static<typeof EscalateTicket>;

export const escalateTicket = (ticketId: string, request: EscalateTicket): CommandToSend => ({
  kind: 'EscalateTicket',
  ticketId,
  ...request,
});

export const MergeTicket = Strict({
  intoTicketId: Id('a ticket id', {
    description: 'The open ticket of the same account that absorbs this one.',
    ...rule('another ticket, one that exists'),
  }),
});
export type MergeTicket = Static<typeof MergeTicket>;

export const mergeTicket = (ticketId: string, request: MergeTicket): CommandToSend => ({
  kind: 'MergeTicket',
  ticketId,
  intoTicketId: request.intoTicketId,
});

export const RateCsat = Strict({
  score: Type.Integer({ minimum: 1, maximum: 5 }),
  comment: Type.Optional(Text(0, 5000)),
});
export type RateCsat = Static<typeof RateCsat>;

export const rateCsat = (ticketId: string, request: RateCsat): CommandToSend => ({
  kind: 'RateCsat',
  ticketId,
  score: request.score,
  comment: request.comment ?? null,
});
