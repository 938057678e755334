import type { Decider } from '../decider';
import { InvalidInputError, NotFoundError, RuleViolationError } from '../shared/domain-error';
import { calendarProblems } from './business-time';
import type { CalendarCommand } from './calendar.commands';
import type { CalendarDefinition, CalendarEvent } from './calendar.events';

export type CalendarState = { exists: false } | { exists: true; calendarId: string; definition: CalendarDefinition };

function checked(definition: CalendarDefinition): CalendarDefinition {
  const [problem] = calendarProblems(definition);
  if (problem) throw new InvalidInputError(problem.field, problem.message);
  return { name: definition.name, timeZone: definition.timeZone, weeklyHours: definition.weeklyHours, holidays: [...new Set(definition.holidays)].sort() };
}

/** Business calendars (DESIGN §4): defined once, then replaced as a whole. */
export const calendarDecider: Decider<CalendarCommand, CalendarEvent, CalendarState> = {
  initialState: { exists: false },

  evolve(_state, event) {
    const { calendarId, ...definition } = event.data;
    return { exists: true, calendarId, definition };
  },

  decide(command, state) {
    switch (command.kind) {
      case 'DefineCalendar':
        if (state.exists) throw new RuleViolationError('calendar_already_exists', `calendar ${command.calendarId} already exists`);
        return [{ type: 'CalendarDefined', data: { calendarId: command.calendarId, ...checked(command.definition) } }];
      case 'UpdateCalendar':
        if (!state.exists) throw new NotFoundError('calendar', command.calendarId);
        return [{ type: 'CalendarUpdated', data: { calendarId: command.calendarId, ...checked(command.definition) } }];
    }
  },
};
