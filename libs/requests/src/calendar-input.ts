import { Type, type Static } from '@sinclair/typebox';
import { WEEKDAYS, type BusinessInterval, type CalendarDefinition } from '@app/domain';
import { CalendarDate, rule, Strict, Text, TimeZone } from '@app/validation';

const HOUR_MINUTE = '([01][0-9]|2[0-3]):[0-5][0-9]';

const Interval = Strict({
  start: Type.String({
    pattern: `^${HOUR_MINUTE}$`,
    errorMessage: 'must be HH:MM',
    description: 'Local start time, HH:MM.',
  }),
  end: Type.String({
    pattern: `^(${HOUR_MINUTE}|24:00)$`,
    errorMessage: 'must be HH:MM or 24:00',
    description: 'Local end time, HH:MM, after start; 24:00 is the end of the day.',
  }),
});

/** A day's intervals: at most one a minute. */
const Day = Type.Optional(Type.Array(Interval, { maxItems: 1440 }));

/** A calendar as a caller sends it: a weekday left out is closed, holidays may be left out. */
export const CalendarInput = Strict({
  name: Text(1, 200),
  timeZone: TimeZone,
  weeklyHours: Strict(
    Object.fromEntries(WEEKDAYS.map((weekday) => [weekday, Day])) as Record<(typeof WEEKDAYS)[number], typeof Day>,
    {
      description: "Working intervals per weekday, in the calendar's zone; a day left out is closed.",
      ...rule(
        'each interval ends after it starts, the intervals of a day do not overlap, and the week holds at least one',
      ),
    },
  ),
  holidays: Type.Optional(
    Type.Array(CalendarDate(), { description: "Dates (YYYY-MM-DD, in the calendar's zone) with no working hours." }),
  ),
});
export type CalendarInput = Static<typeof CalendarInput>;

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
