import type { Decider } from '../decider';
import { InvalidInputError, NotFoundError, RuleViolationError } from '../shared/domain-error';
import { calendarProblems, unreachableTarget } from './business-time';
import type { CalendarCommand, PolicyTargets } from './calendar.commands';
import type { CalendarDefinition, CalendarEvent } from './calendar.events';

export type CalendarState = { exists: false } | { exists: true; calendarId: string; definition: CalendarDefinition };

function checked(definition: CalendarDefinition): CalendarDefinition {
  const [problem] = calendarProblems(definition);
  if (problem) throw new InvalidInputError(problem.field, problem.message);
  return {
    name: definition.name,
    timeZone: definition.timeZone,
    weeklyHours: definition.weeklyHours,
    holidays: [...new Set(definition.holidays)].sort(),
  };
}

/** Fewer hours may not leave a policy on this calendar with a target it can never reach. */
function keepsPoliciesReachable(calendarId: string, definition: CalendarDefinition, policies: PolicyTargets[]): void {
  for (const { policyId, targets } of policies) {
    const beyond = unreachableTarget(targets, definition);
    if (beyond) {
      throw new RuleViolationError(
        'sla_target_unreachable',
        `SLA policy ${policyId} has a ${beyond.target} target of ${beyond.minutes} business minutes, more than a year of calendar ${calendarId}'s business time with these hours (${beyond.limit}): change the policy first`,
        { policyId, target: beyond.target, minutes: beyond.minutes, limit: beyond.limit },
      );
    }
  }
}

/** Business calendars (docs/design.md §4): defined once, then replaced as a whole. */
export const calendarDecider: Decider<CalendarCommand, CalendarEvent, CalendarState> = {
  initialState: { exists: false },

  evolve(_state, event) {
    const { calendarId, ...definition } = event.data;
    return { exists: true, calendarId, definition };
  },

  decide(command, state) {
    switch (command.kind) {
      case 'DefineCalendar':
        if (state.exists)
          throw new RuleViolationError('calendar_already_exists', `calendar ${command.calendarId} already exists`);
        return [{ type: 'CalendarDefined', data: { calendarId: command.calendarId, ...checked(command.definition) } }];
      case 'UpdateCalendar':
        if (!state.exists) throw new NotFoundError('calendar', command.calendarId);
        {
          const definition = checked(command.definition);
          keepsPoliciesReachable(command.calendarId, definition, command.policies);
          return [{ type: 'CalendarUpdated', data: { calendarId: command.calendarId, ...definition } }];
        }
    }
  },
};
