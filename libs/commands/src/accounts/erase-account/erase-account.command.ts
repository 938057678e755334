import type { Static } from '@sinclair/typebox';
import { Strict, Text } from '@app/validation';
import { BusCommand } from '../../bus-command';

/** The body of both erasure requests. */
export const EraseAccount = Strict({
  reason: Text(1, 500, {
    description: 'Why, for the audit trail: a ticket or request reference. Never put personal data here: it is kept.',
  }),
});
export type EraseAccount = Static<typeof EraseAccount>;

export class EraseAccountCommand extends BusCommand<EraseAccount> {}
