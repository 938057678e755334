import { Type, type Static } from '@sinclair/typebox';
import { TIERS } from '@app/domain';
import { CalendarDate, Id, Money, OneOf, rule, Strict, Text, TimeZone } from '@app/validation';
import { BusCommand } from '../../bus-command';
import { CreatedId } from '../../created-id';

/** The profile to onboard with; the id may be chosen by the caller, the SLA policy left out. */
export const OnboardAccount = Strict({
  id: CreatedId('an account id'),
  name: Text(1, 200),
  tier: OneOf(TIERS),
  arr: Money({ description: 'Annual recurring revenue.' }),
  contractStart: CalendarDate(),
  renewalDate: CalendarDate(rule('after contractStart')),
  ownerId: Text(1, 200, { description: 'The account manager.' }),
  timeZone: TimeZone,
  slaPolicyId: Type.Optional(
    Id('an SLA policy id', {
      description: 'An SLA policy for this account: it beats matching by tier.',
      ...rule('an SLA policy that exists'),
    }),
  ),
});
export type OnboardAccount = Static<typeof OnboardAccount>;

export class OnboardAccountCommand extends BusCommand<OnboardAccount> {}
