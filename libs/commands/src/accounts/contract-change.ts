import type { Money } from '@app/domain';

/** An ARR change by a positive delta: expansions and contractions share it. */
export interface ContractChange {
  delta: Money;
  /** YYYY-MM-DD; today (UTC) when left out. */
  effectiveDate?: string;
}
