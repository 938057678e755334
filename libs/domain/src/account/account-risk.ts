import type { RiskReason } from './account.events';

const DAY_MS = 86_400_000;

/** What the at-risk rule weighs of an account, as of the day it is asked. */
export interface RenewalRiskFacts {
  churned: boolean;
  /** YYYY-MM-DD; null for an account without one. */
  renewalDate: string | null;
  /** Open tickets of priority urgent or high. */
  openUrgentOrHigh: number;
  /** ISO instant of the account's latest breach, if any. */
  lastBreachAt: string | null;
}

/** How close a renewal must be, and how recent a breach, for them to count (TRIGGER_RENEWAL_WINDOW_DAYS, TRIGGER_RECENT_BREACH_DAYS). */
export interface RenewalRiskPolicy {
  renewalWindowDays: number;
  recentBreachDays: number;
}

/**
 * Why an account is at risk on `today` (docs/design.md §6): a renewal within the window, not
 * churned, with open urgent or high tickets, or with a breach within the recent days before `now`.
 * None: it is not (or no longer) at risk.
 */
export function renewalRiskReasons(
  account: RenewalRiskFacts,
  today: string,
  now: Date,
  policy: RenewalRiskPolicy,
): RiskReason[] {
  const { renewalDate } = account;
  if (account.churned || renewalDate === null || renewalDate < today) return [];
  if (Date.parse(renewalDate) - Date.parse(today) > policy.renewalWindowDays * DAY_MS) return [];
  const reasons: RiskReason[] = [];
  if (account.openUrgentOrHigh > 0)
    reasons.push({ code: 'renewal_with_open_urgent_tickets', renewalDate, openTickets: account.openUrgentOrHigh });
  const recentFrom = now.getTime() - policy.recentBreachDays * DAY_MS;
  if (account.lastBreachAt !== null && Date.parse(account.lastBreachAt) >= recentFrom)
    reasons.push({ code: 'renewal_with_recent_breach', renewalDate, lastBreachAt: account.lastBreachAt });
  return reasons;
}
