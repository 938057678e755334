import { given } from '../shared/given-when-then';
import { calendarDecider } from './calendar.decider';
import type { CalendarDefinition, CalendarEvent } from './calendar.events';

const definition: CalendarDefinition = { name: 'New York office', timeZone: 'America/New_York', weeklyHours: { mon: [{ start: '09:00', end: '17:00' }] }, holidays: ['2026-12-25', '2026-07-03', '2026-12-25'] };
const defined: CalendarEvent = { type: 'CalendarDefined', data: { calendarId: 'c1', ...definition, holidays: ['2026-07-03', '2026-12-25'] } };

describe('calendar decider', () => {
  it('given nothing, when defined, records the calendar with holidays sorted and deduplicated', () => {
    expect(given(calendarDecider, []).when({ kind: 'DefineCalendar', calendarId: 'c1', definition })).toEqual([defined]);
  });

  it('given a calendar, when defined again, refuses', () => {
    expect(given(calendarDecider, [defined]).rejects({ kind: 'DefineCalendar', calendarId: 'c1', definition }).code).toBe('calendar_already_exists');
  });

  it('given a calendar, when updated, records the new definition', () => {
    const events = given(calendarDecider, [defined]).when({ kind: 'UpdateCalendar', calendarId: 'c1', definition: { ...definition, timeZone: 'Europe/Berlin', holidays: [] } });
    expect(events).toEqual([{ type: 'CalendarUpdated', data: { calendarId: 'c1', ...definition, timeZone: 'Europe/Berlin', holidays: [] } }]);
  });

  it('given nothing, when updated, answers not found', () => {
    const error = given(calendarDecider, []).rejects({ kind: 'UpdateCalendar', calendarId: 'c9', definition });
    expect([error.kind, error.code]).toEqual(['not_found', 'calendar_not_found']);
  });

  it('given nothing, when defined with an unknown zone, names the field', () => {
    const error = given(calendarDecider, []).rejects({ kind: 'DefineCalendar', calendarId: 'c1', definition: { ...definition, timeZone: 'Atlantis/Central' } });
    expect([error.kind, error.details]).toEqual(['invalid', { errors: [{ field: 'timeZone', message: "unknown IANA time zone 'Atlantis/Central'" }] }]);
  });
});
