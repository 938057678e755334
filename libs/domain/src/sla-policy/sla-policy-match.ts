import type { BusinessCalendar } from '../calendar/business-time';
import type { Tier } from '../shared/support-types';
import type { SlaSnapshot } from '../ticket/ticket.events';
import type { SlaPolicyDefinition } from './sla-policy.events';

/** A policy as the catalog knows it: `definedAt` is the log position of its first definition. */
export interface KnownSlaPolicy {
  policyId: string;
  definition: SlaPolicyDefinition;
  definedAt: bigint;
}

/**
 * The policy a new ticket of an account gets (docs/design.md §4): the one the account names, else the
 * first defined for its tier; null when none applies. The result is a snapshot with the calendar's
 * hours copied in, so later edits of the policy or the calendar never change an open ticket's SLA.
 */
export function matchSlaPolicy(
  policies: Iterable<KnownSlaPolicy>,
  calendars: ReadonlyMap<string, BusinessCalendar>,
  account: { tier: Tier; slaPolicyId: string | null },
): SlaSnapshot | null {
  const known = [...policies];
  const candidates =
    account.slaPolicyId === null
      ? known.filter((policy) => policy.definition.tiers.includes(account.tier))
      : known.filter((policy) => policy.policyId === account.slaPolicyId);
  const match = candidates.reduce<KnownSlaPolicy | undefined>(
    (first, policy) => (!first || policy.definedAt < first.definedAt ? policy : first),
    undefined,
  );
  if (!match) return null;
  const { definition } = match;
  const calendar = definition.calendarId === null ? undefined : calendars.get(definition.calendarId);
  return {
    policyId: match.policyId,
    policyName: definition.name,
    calendarId: definition.calendarId,
    calendar: calendar
      ? { timeZone: calendar.timeZone, weeklyHours: calendar.weeklyHours, holidays: calendar.holidays }
      : null,
    targets: definition.targets,
    pauseStatuses: definition.pauseStatuses,
    atRiskMinutes: definition.atRiskMinutes,
  };
}
