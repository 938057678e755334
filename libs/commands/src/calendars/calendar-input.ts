import type { BusinessInterval, CalendarDefinition, Weekday } from '@app/domain';

/** A calendar as a caller sends it: a weekday left out is closed, holidays may be left out. */
export interface CalendarInput {
  name: string;
  timeZone: string;
  weeklyHours: Partial<Record<Weekday, BusinessInterval[]>>;
  holidays?: string[];
}

/** The definition the decider records: only the days given, each interval with only start and end. */
export function toCalendarDefinition(input: CalendarInput): CalendarDefinition {
  const days = Object.entries(input.weeklyHours).filter(
    (entry): entry is [string, BusinessInterval[]] => entry[1] !== undefined,
  );
  const weeklyHours = Object.fromEntries(
    days.map(([weekday, intervals]) => [weekday, intervals.map(({ start, end }) => ({ start, end }))]),
  );
  return { name: input.name, timeZone: input.timeZone, weeklyHours, holidays: input.holidays ?? [] };
}
