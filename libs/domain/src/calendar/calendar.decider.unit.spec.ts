import { given } from '../shared/given-when-then';
import { calendarDecider } from './calendar.decider';
import type { CalendarDefinition, CalendarEvent } from './calendar.events';

const definition: CalendarDefinition = {
  name: 'New York office',
  timeZone: 'America/New_York',
  weeklyHours: { mon: [{ start: '09:00', end: '17:00' }] },
  holidays: ['2026-12-25', '2026-07-03', '2026-12-25'],
};
const defined: CalendarEvent = {
  type: 'CalendarDefined',
  data: { calendarId: 'c1', ...definition, holidays: ['2026-07-03', '2026-12-25'] },
};

describe('calendar decider', () => {
  it('given nothing, when defined, records the calendar with holidays sorted and deduplicated', () => {
    expect(given(calendarDecider, []).when({ kind: 'DefineCalendar', calendarId: 'c1', definition })).toEqual([
      defined,
    ]);
  });

  it('given a calendar, when defined again, refuses', () => {
    expect(
      given(calendarDecider, [defined]).rejects({ kind: 'DefineCalendar', calendarId: 'c1', definition }).code,
    ).toBe('calendar_already_exists');
  });

  it('given a calendar, when updated, records the new definition', () => {
    const events = given(calendarDecider, [defined]).when({
      kind: 'UpdateCalendar',
      calendarId: 'c1',
      definition: { ...definition, timeZone: 'Europe/Berlin', holidays: [] },
      policies: [],
    });
    expect(events).toEqual([
      { type: 'CalendarUpdated', data: { calendarId: 'c1', ...definition, timeZone: 'Europe/Berlin', holidays: [] } },
    ]);
  });

  it('given a calendar a policy relies on, when updated to fewer hours than a year of its target, refuses naming the policy and target', () => {
    const policies = [{ policyId: 'p1', targets: { urgent: { resolution: 480 }, normal: { resolution: 20_000 } } }];
    const fewer = { ...definition, weeklyHours: { mon: [{ start: '09:00', end: '13:00' }] } };
    const error = given(calendarDecider, [defined]).rejects({
      kind: 'UpdateCalendar',
      calendarId: 'c1',
      definition: fewer,
      policies,
    });
    expect([error.kind, error.code, error.details]).toEqual([
      'conflict',
      'sla_target_unreachable',
      { policyId: 'p1', target: 'normal.resolution', minutes: 20_000, limit: 240 * 52 },
    ]);
    expect(
      given(calendarDecider, [defined]).when({ kind: 'UpdateCalendar', calendarId: 'c1', definition, policies }),
    ).toHaveLength(1);
  });

  it('given nothing, when updated, answers not found', () => {
    const error = given(calendarDecider, []).rejects({
      kind: 'UpdateCalendar',
      calendarId: 'c9',
      definition,
      policies: [],
    });
    expect([error.kind, error.code]).toEqual(['not_found', 'calendar_not_found']);
  });

  it('given nothing, when defined with an unknown zone, names the field', () => {
    const error = given(calendarDecider, []).rejects({
      kind: 'DefineCalendar',
      calendarId: 'c1',
      definition: { ...definition, timeZone: 'Atlantis/Central' },
    });
    expect([error.kind, error.details]).toEqual([
      'invalid',
      { errors: [{ field: 'timeZone', message: "unknown IANA time zone 'Atlantis/Central'" }] },
    ]);
  });
});
