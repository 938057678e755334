import type { CalendarDefinition } from './calendar.events';

/** The targets of a policy that names the calendar: an update must leave each of them reachable. */
export interface PolicyTargets {
  policyId: string;
  targets: Partial<Record<string, Partial<Record<string, number>>>>;
}

/** `policies` are those naming the calendar, looked up by the caller. */
export type CalendarCommand =
  | { kind: 'DefineCalendar'; calendarId: string; definition: CalendarDefinition }
  | { kind: 'UpdateCalendar'; calendarId: string; definition: CalendarDefinition; policies: PolicyTargets[] };
