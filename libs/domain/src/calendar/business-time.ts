import { DateTime } from 'luxon';
import { isTimeZone } from '../shared/support-types';

export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/** A working interval of one day in the calendar's zone, `HH:MM` to `HH:MM`; `24:00` is the end of the day. */
export interface BusinessInterval {
  start: string;
  end: string;
}

/** Business hours (docs/design.md §4): an IANA zone, intervals per weekday, holidays as `YYYY-MM-DD` dates in that zone. */
export interface BusinessCalendar {
  timeZone: string;
  weeklyHours: Partial<Record<Weekday, BusinessInterval[]>>;
  holidays: string[];
}

const MINUTE_MS = 60_000;
/** A target that cannot be reached within this many days of calendar is a configuration error, not a loop. */
const SEARCH_DAYS = 3 * 366;

function minutesOf(time: string): number {
  const [hours, minutes] = time.split(':').map(Number);
  return hours * 60 + minutes;
}

/** Working minutes of a week (holidays aside). */
function weeklyBusinessMinutes(calendar: BusinessCalendar): number {
  return Object.values(calendar.weeklyHours).reduce(
    (total, intervals) =>
      total +
      (intervals ?? []).reduce((sum, { start, end }) => sum + Math.max(0, minutesOf(end) - minutesOf(start)), 0),
    0,
  );
}

/** Weeks of business time a target may span: the SLA clock looks three years ahead, and holidays take some of that. */
const MAX_TARGET_WEEKS = 52;

/**
 * The first target (`priority.metric`) longer than a year of the calendar's business time: one that
 * could never be scheduled, so neither a policy nor a calendar edit may create it.
 */
export function unreachableTarget(
  targets: Partial<Record<string, Partial<Record<string, number>>>>,
  calendar: BusinessCalendar,
): { target: string; minutes: number; limit: number } | undefined {
  const limit = weeklyBusinessMinutes(calendar) * MAX_TARGET_WEEKS;
  for (const [priority, metrics] of Object.entries(targets)) {
    for (const [metric, minutes] of Object.entries(metrics ?? {}))
      if (minutes !== undefined && minutes > limit) return { target: `${priority}.${metric}`, minutes, limit };
  }
  return undefined;
}

/** Windows by zone, date and that day's intervals: the same days recur across many tickets. */
const windowCache = new Map<string, Array<[number, number]>>();
const WINDOW_CACHE_LIMIT = 100_000;

/** The next calendar date, by date arithmetic (no time zone is involved in counting days). */
function nextDate(date: string): string {
  const next = new Date(`${date}T00:00:00Z`);
  next.setUTCDate(next.getUTCDate() + 1);
  return next.toISOString().slice(0, 10);
}

/** `HH:MM` on a local date as an instant, resolved by luxon in the zone; `24:00` is the next day's midnight. */
function localInstant(date: string, time: string, zone: string): number {
  return time === '24:00'
    ? DateTime.fromISO(nextDate(date), { zone }).toMillis()
    : DateTime.fromISO(`${date}T${time}`, { zone }).toMillis();
}

/**
 * The absolute working windows of one local date, in order. Local times are resolved in the zone,
 * so a day that loses or gains an hour to DST has that many fewer or more working minutes.
 */
function windowsOn(calendar: BusinessCalendar, date: string, holidays: ReadonlySet<string>): Array<[number, number]> {
  if (holidays.has(date)) return [];
  const intervals = calendar.weeklyHours[WEEKDAYS[(new Date(`${date}T00:00:00Z`).getUTCDay() + 6) % 7]] ?? [];
  if (intervals.length === 0) return [];
  const key = `${calendar.timeZone}|${date}|${intervals.map((interval) => `${interval.start}-${interval.end}`).join(',')}`;
  let windows = windowCache.get(key);
  if (!windows) {
    windows = intervals
      .map((interval): [number, number] => [
        localInstant(date, interval.start, calendar.timeZone),
        localInstant(date, interval.end, calendar.timeZone),
      ])
      .sort((a, b) => a[0] - b[0]);
    if (windowCache.size >= WINDOW_CACHE_LIMIT) windowCache.clear();
    windowCache.set(key, windows);
  }
  return windows;
}

const QUARTER_HOUR_MS = 15 * MINUTE_MS;
/** Local dates by zone and quarter hour (UTC): commands happen at nearby instants, and luxon's zone arithmetic was a tenth of deciding. */
const dateCache = new Map<string, string>();

const localDateUncached = (instant: number, zone: string): string =>
  DateTime.fromMillis(instant, { zone }).toISODate() as string;

/**
 * The date in `zone` at `instant`. In a quarter hour with one UTC offset at both ends (no zone
 * changes its offset twice within one), local time runs straight, so when both ends fall on one local
 * date the whole quarter does, and its date is kept; any other quarter is computed each time.
 */
export function localDate(instant: number, zone: string): string {
  const quarter = Math.floor(instant / QUARTER_HOUR_MS);
  const key = `${zone}|${quarter}`;
  const known = dateCache.get(key);
  if (known !== undefined) return known;
  const first = DateTime.fromMillis(quarter * QUARTER_HOUR_MS, { zone });
  const last = DateTime.fromMillis((quarter + 1) * QUARTER_HOUR_MS - 1, { zone });
  const date = first.toISODate() as string;
  if (first.offset !== last.offset || date !== last.toISODate()) return localDateUncached(instant, zone);
  if (dateCache.size >= WINDOW_CACHE_LIMIT) dateCache.clear();
  dateCache.set(key, date);
  return date;
}

/** A calendar's holidays as a set, made once per calendar (a ticket's SLA calendar is one object for its life). */
const holidaySets = new WeakMap<BusinessCalendar, ReadonlySet<string>>();

function holidaysOf(calendar: BusinessCalendar): ReadonlySet<string> {
  let holidays = holidaySets.get(calendar);
  if (!holidays) {
    holidays = new Set(calendar.holidays);
    holidaySets.set(calendar, holidays);
  }
  return holidays;
}

/** Walks the working windows that end after `from`, day by day in the calendar's zone. */
function* windowsFrom(calendar: BusinessCalendar, from: number): Generator<[number, number]> {
  const holidays = holidaysOf(calendar);
  let date = localDate(from, calendar.timeZone);
  for (let i = 0; i < SEARCH_DAYS; i += 1, date = nextDate(date)) {
    for (const [start, end] of windowsOn(calendar, date, holidays)) {
      if (end > from && end > start) yield [Math.max(start, from), end];
    }
  }
}

/**
 * The instant at which `minutes` business minutes have elapsed after `from`. No calendar means 24/7.
 * A target reached exactly at the end of a window is due then, not at the next window's start.
 */
export function addBusinessMinutes(calendar: BusinessCalendar | null, from: number, minutes: number): number {
  if (calendar === null) return from + minutes * MINUTE_MS;
  let remaining = minutes * MINUTE_MS;
  if (remaining <= 0) return from;
  for (const [start, end] of windowsFrom(calendar, from)) {
    if (end - start >= remaining) return start + remaining;
    remaining -= end - start;
  }
  throw new RangeError(
    `calendar has no ${minutes} business minutes within ${SEARCH_DAYS} days of ${new Date(from).toISOString()}`,
  );
}

/** Business minutes between two instants (0 when `to` is not after `from`). */
export function businessMinutesBetween(calendar: BusinessCalendar | null, from: number, to: number): number {
  if (to <= from) return 0;
  if (calendar === null) return (to - from) / MINUTE_MS;
  let total = 0;
  for (const [start, end] of windowsFrom(calendar, from)) {
    if (start >= to) break;
    total += Math.min(end, to) - start;
  }
  return total / MINUTE_MS;
}

/** Checks a calendar definition; returns the problems, each naming its field. */
export function calendarProblems(calendar: BusinessCalendar): Array<{ field: string; message: string }> {
  const problems: Array<{ field: string; message: string }> = [];
  if (!isTimeZone(calendar.timeZone))
    problems.push({ field: 'timeZone', message: `unknown IANA time zone '${calendar.timeZone}'` });
  let working = 0;
  for (const [weekday, intervals] of Object.entries(calendar.weeklyHours)) {
    if (!(WEEKDAYS as readonly string[]).includes(weekday)) {
      problems.push({ field: `weeklyHours.${weekday}`, message: 'must be one of mon, tue, wed, thu, fri, sat, sun' });
      continue;
    }
    const sorted = [...(intervals ?? [])]
      .map((interval, index) => ({ ...interval, index }))
      .sort((a, b) => minutesOf(a.start) - minutesOf(b.start));
    sorted.forEach((interval, position) => {
      const field = `weeklyHours.${weekday}[${interval.index}]`;
      const valid =
        /^([01]\d|2[0-3]):[0-5]\d$/.test(interval.start) &&
        (/^([01]\d|2[0-3]):[0-5]\d$/.test(interval.end) || interval.end === '24:00');
      if (!valid) problems.push({ field, message: 'start and end must be HH:MM (end may be 24:00)' });
      else if (minutesOf(interval.end) <= minutesOf(interval.start))
        problems.push({ field, message: 'end must be after start' });
      else if (position > 0 && minutesOf(interval.start) < minutesOf(sorted[position - 1].end))
        problems.push({ field, message: 'overlaps another interval of the day' });
      else working += minutesOf(interval.end) - minutesOf(interval.start);
    });
  }
  if (working === 0 && problems.length === 0)
    problems.push({ field: 'weeklyHours', message: 'must contain at least one working interval' });
  calendar.holidays.forEach((holiday, index) => {
    if (!DateTime.fromISO(holiday, { zone: 'utc' }).isValid || !/^\d{4}-\d{2}-\d{2}$/.test(holiday))
      problems.push({ field: `holidays[${index}]`, message: 'must be a YYYY-MM-DD date' });
  });
  return problems;
}
