import { Type, type Static } from '@sinclair/typebox';
import { OneOf, Strict, Text } from '@app/validation';
import { BusCommand } from '../../bus-command';

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

export class AddReplyCommand extends BusCommand<AddReply> {}
