import type { AccountCommand, Money } from '@app/domain';

/** An ARR change by a positive delta: expansions and contractions share it. */
export interface ContractChange {
  delta: Money;
  /** YYYY-MM-DD; today (UTC) when left out. */
  effectiveDate?: string;
}

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
