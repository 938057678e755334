import { DateTime } from 'luxon';
import {
  addBusinessMinutes,
  businessMinutesBetween,
  calendarProblems,
  localDate,
  type BusinessCalendar,
} from './business-time';

const at = (iso: string): number => Date.parse(iso);
const iso = (ms: number): string => new Date(ms).toISOString();
const nineToFive = [{ start: '09:00', end: '17:00' }];
const weekdays = (intervals: BusinessCalendar['weeklyHours']['mon']) => ({
  mon: intervals,
  tue: intervals,
  wed: intervals,
  thu: intervals,
  fri: intervals,
});
const allDay = [{ start: '00:00', end: '24:00' }];

const newYork: BusinessCalendar = {
  timeZone: 'America/New_York',
  weeklyHours: weekdays(nineToFive),
  holidays: ['2026-12-25'],
};
const berlin: BusinessCalendar = { timeZone: 'Europe/Berlin', weeklyHours: weekdays(nineToFive), holidays: [] };
const tokyo: BusinessCalendar = {
  timeZone: 'Asia/Tokyo',
  weeklyHours: weekdays([
    { start: '09:00', end: '12:00' },
    { start: '13:00', end: '18:00' },
  ]),
  holidays: [],
};
const aroundTheClock = (timeZone: string): BusinessCalendar => ({
  timeZone,
  weeklyHours: { ...weekdays(allDay), sat: allDay, sun: allDay },
  holidays: [],
});

describe('business time', () => {
  describe('adding business minutes', () => {
    it('given no calendar (24/7), adds wall-clock minutes', () => {
      expect(iso(addBusinessMinutes(null, at('2026-03-07T23:00:00Z'), 90))).toBe('2026-03-08T00:30:00.000Z');
    });

    it('given a start before opening, counts from the opening', () => {
      // Monday 07:00 EDT → opens 09:00 EDT (13:00Z), +30 minutes.
      expect(iso(addBusinessMinutes(newYork, at('2026-06-01T11:00:00Z'), 30))).toBe('2026-06-01T13:30:00.000Z');
    });

    it('given a target spanning several days, carries the remainder across nights', () => {
      // Monday 09:00 EDT: 480 + 480 + 240 minutes → Wednesday 13:00 EDT.
      expect(iso(addBusinessMinutes(newYork, at('2026-06-01T13:00:00Z'), 1200))).toBe('2026-06-03T17:00:00.000Z');
    });

    it('given a weekend across the spring-forward change in New York, resumes at 09:00 local on Monday', () => {
      // Friday 2026-03-06 16:00 EST (21:00Z): 60 minutes on Friday; clocks go forward on Sunday 8 March;
      // Monday 09:00 EDT is 13:00Z, +60 → 14:00Z (offset arithmetic in EST would say 15:00Z).
      expect(iso(addBusinessMinutes(newYork, at('2026-03-06T21:00:00Z'), 120))).toBe('2026-03-09T14:00:00.000Z');
    });

    it('given a weekend across the fall-back change in Berlin, resumes at 09:00 local on Monday', () => {
      // Friday 2026-10-23 16:30 CEST (14:30Z): 30 minutes; Monday 26 October 09:00 CET is 08:00Z, +30.
      expect(iso(addBusinessMinutes(berlin, at('2026-10-23T14:30:00Z'), 60))).toBe('2026-10-26T08:30:00.000Z');
    });

    it('given a holiday, skips it', () => {
      // Thursday 24 December 16:00 EST: 60 minutes; Friday 25 is a holiday; Monday 28 09:00 EST = 14:00Z, +60.
      expect(iso(addBusinessMinutes(newYork, at('2026-12-24T21:00:00Z'), 120))).toBe('2026-12-28T15:00:00.000Z');
    });

    it('given several intervals a day, skips the gap between them', () => {
      // Monday 11:00 JST: 60 minutes to 12:00, lunch, 13:00 + 60 → 14:00 JST (05:00Z).
      expect(iso(addBusinessMinutes(tokyo, at('2026-06-01T02:00:00Z'), 120))).toBe('2026-06-01T05:00:00.000Z');
    });

    it('given an interval ending 24:00, a target reached at the end of the day is due at local midnight', () => {
      const evenings: BusinessCalendar = {
        timeZone: 'Europe/Berlin',
        weeklyHours: { sat: [{ start: '18:00', end: '24:00' }] },
        holidays: [],
      };
      // Saturday 2026-06-06 23:00 CEST (21:00Z) + 60 → Sunday 00:00 CEST (22:00Z).
      expect(iso(addBusinessMinutes(evenings, at('2026-06-06T21:00:00Z'), 60))).toBe('2026-06-06T22:00:00.000Z');
      // 30 minutes more than the evening holds → the next Saturday 18:30 CEST.
      expect(iso(addBusinessMinutes(evenings, at('2026-06-06T21:00:00Z'), 90))).toBe('2026-06-13T16:30:00.000Z');
    });

    it('given a 24/7 calendar on the spring-forward day, a business day is 23 hours long', () => {
      // New York midnight 8 March (05:00Z) + 1440 minutes = 1440 real minutes → 01:00 EDT on 9 March.
      expect(iso(addBusinessMinutes(aroundTheClock('America/New_York'), at('2026-03-08T05:00:00Z'), 1440))).toBe(
        '2026-03-09T05:00:00.000Z',
      );
    });

    it('given a calendar that never opens within three years, refuses instead of looping', () => {
      const closed: BusinessCalendar = { timeZone: 'UTC', weeklyHours: { mon: nineToFive }, holidays: [] };
      expect(() => addBusinessMinutes(closed, at('2026-01-01T00:00:00Z'), 480 * 200)).toThrow(RangeError);
    });
  });

  describe('measuring business minutes', () => {
    it('given two instants across the New York DST weekend, counts only working minutes', () => {
      expect(businessMinutesBetween(newYork, at('2026-03-06T21:00:00Z'), at('2026-03-09T14:00:00Z'))).toBe(120);
    });

    it('given the spring-forward and fall-back days of a 24/7 calendar, counts 23 and 25 hours', () => {
      expect(
        businessMinutesBetween(
          aroundTheClock('America/New_York'),
          at('2026-03-08T05:00:00Z'),
          at('2026-03-09T04:00:00Z'),
        ),
      ).toBe(1380);
      expect(
        businessMinutesBetween(aroundTheClock('Europe/Berlin'), at('2026-10-24T22:00:00Z'), at('2026-10-25T23:00:00Z')),
      ).toBe(1500);
    });

    it('given instants in the same closed period, counts zero', () => {
      expect(businessMinutesBetween(newYork, at('2026-06-06T15:00:00Z'), at('2026-06-07T15:00:00Z'))).toBe(0);
    });

    it('given a pause, carries the remaining minutes over to the resume time', () => {
      // 120-minute target opened Monday 09:00 EDT; paused at 10:30 (90 used); resumed Tuesday 16:45.
      const used = businessMinutesBetween(newYork, at('2026-06-01T13:00:00Z'), at('2026-06-01T14:30:00Z'));
      expect(used).toBe(90);
      // 30 remaining: 15 on Tuesday until 17:00, 15 on Wednesday from 09:00 → 09:15 EDT (13:15Z).
      expect(iso(addBusinessMinutes(newYork, at('2026-06-02T20:45:00Z'), 120 - used))).toBe('2026-06-03T13:15:00.000Z');
    });
  });

  describe('checking a calendar', () => {
    it('names the field of every problem', () => {
      const problems = calendarProblems({
        timeZone: 'Mars/Olympus',
        weeklyHours: {
          mon: [{ start: '09:00', end: '08:00' }],
          tue: [
            { start: '09:00', end: '12:00' },
            { start: '11:00', end: '13:00' },
          ],
          fri: [{ start: '9', end: '10:00' }],
        },
        holidays: ['2026-13-01'],
      });
      expect(problems.map((p) => p.field).sort()).toEqual([
        'holidays[0]',
        'timeZone',
        'weeklyHours.fri[0]',
        'weeklyHours.mon[0]',
        'weeklyHours.tue[1]',
      ]);
    });

    it('refuses a calendar without working hours', () => {
      expect(calendarProblems({ timeZone: 'UTC', weeklyHours: {}, holidays: [] })).toEqual([
        { field: 'weeklyHours', message: 'must contain at least one working interval' },
      ]);
    });
  });

  describe('properties over many instants', () => {
    // A small deterministic generator: the same instants on every run.
    let seed = 12345;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    const calendars = [newYork, berlin, tokyo, aroundTheClock('America/New_York'), aroundTheClock('Europe/Berlin')];

    it('measuring back what was added gives the same minutes, across DST changes, nights and holidays', () => {
      for (let i = 0; i < 400; i += 1) {
        const calendar = calendars[i % calendars.length];
        // Any minute of 2026, around both DST changes of both zones.
        const from = at('2026-01-01T00:00:00Z') + Math.floor(random() * 365 * 24 * 60) * 60_000;
        const minutes = 1 + Math.floor(random() * 5000);
        const due = addBusinessMinutes(calendar, from, minutes);
        expect([calendar.timeZone, iso(from), minutes, businessMinutesBetween(calendar, from, due)]).toEqual([
          calendar.timeZone,
          iso(from),
          minutes,
          minutes,
        ]);
      }
    });

    it('adding in two steps lands where adding at once does (pause and resume at a working instant)', () => {
      for (let i = 0; i < 200; i += 1) {
        const calendar = calendars[i % calendars.length];
        const from = at('2026-01-01T00:00:00Z') + Math.floor(random() * 365 * 24 * 60) * 60_000;
        const [first, second] = [1 + Math.floor(random() * 900), 1 + Math.floor(random() * 900)];
        expect(addBusinessMinutes(calendar, addBusinessMinutes(calendar, from, first), second)).toBe(
          addBusinessMinutes(calendar, from, first + second),
        );
      }
    });
  });
});

describe('the local date of an instant (kept per quarter hour)', () => {
  // Zones whose offsets are not whole hours, whose DST moves by half an hour, or whose clocks
  // changed at local midnight: around every change of offset in 2018 and 2019, and at every local
  // midnight near one, the kept dates must be luxon's for every instant, twice over (the second
  // pass reads what the first kept).
  const zones = ['Asia/Kathmandu', 'Australia/Lord_Howe', 'America/Havana', 'America/Sao_Paulo', 'Pacific/Chatham'];
  // Monrovia kept -00:44:30 until 1972: its midnights fell inside quarter hours.
  const steadyDays: Record<string, string> = { 'Asia/Kathmandu': '2018-06-01', 'Africa/Monrovia': '1971-06-01' };
  const HOUR = 3_600_000;
  const changesOfOffset = (zone: string): number[] => {
    const changes: number[] = [];
    const from = Date.parse('2018-01-01T00:00:00Z');
    for (let hour = from; hour < from + 2 * 365 * 24 * HOUR; hour += HOUR)
      if (DateTime.fromMillis(hour, { zone }).offset !== DateTime.fromMillis(hour + HOUR, { zone }).offset)
        changes.push(hour);
    return changes;
  };
  it.each([...zones, 'Africa/Monrovia'])(
    'is the date luxon gives, minute by minute around each change of offset, in %s',
    (zone) => {
      // A zone without changes: two days of it, then.
      const changes = steadyDays[zone] ? [Date.parse(`${steadyDays[zone]}T00:00:00Z`)] : changesOfOffset(zone);
      expect(changes.length).toBeGreaterThan(0);
      const wrong: string[] = [];
      for (let pass = 0; pass < 2; pass += 1)
        for (const change of changes)
          for (let instant = change - 26 * HOUR; instant < change + 26 * HOUR; instant += 61_000) {
            const expected = DateTime.fromMillis(instant, { zone }).toISODate();
            if (localDate(instant, zone) !== expected) wrong.push(`${new Date(instant).toISOString()}: ${expected}`);
          }
      expect(wrong).toEqual([]);
    },
  );
});
