import { Type, type Static } from '@sinclair/typebox';
import type { AccountCommand } from '@app/domain';
import { CalendarDate, Money, rule, Strict } from '@app/validation';

/** An ARR change by a positive delta: expansions and contractions share it. */
export const ContractChange = Strict({
  delta: Money({ description: 'The ARR change, positive.', ...rule('in the contract currency') }),
  effectiveDate: Type.Optional(CalendarDate({ description: 'YYYY-MM-DD; today (UTC) when left out.' })),
});
export type ContractChange = Static<typeof ContractChange>;

/** The decider's command for an expansion or a contraction, effective today (UTC) unless dated. */
export function contractChangeAt(
  kind: 'ExpandContract' | 'ContractContract',
  accountId: string,
  change: ContractChange,
): (at: string) => AccountCommand {
  return (at) => ({
    kind,
    accountId,
    delta: { amountMinor: change.delta.amountMinor, currency: change.delta.currency },
    effectiveDate: change.effectiveDate ?? at.slice(0, 10),
  });
}
