import { unreachableTarget, type BusinessCalendar } from '../calendar/business-time';
import type { Decider } from '../decider';
import { InvalidInputError, NotFoundError, RuleViolationError } from '../shared/domain-error';
import { PRIORITIES } from '../shared/support-types';
import type { SlaPolicyCommand } from './sla-policy.commands';
import type { SlaPolicyDefinition, SlaPolicyEvent } from './sla-policy.events';

export type SlaPolicyState = { exists: false } | { exists: true; policyId: string; definition: SlaPolicyDefinition };

function checked(definition: SlaPolicyDefinition, calendar: BusinessCalendar | null): SlaPolicyDefinition {
  if (definition.calendarId !== null && !calendar)
    throw new InvalidInputError('calendarId', `calendar ${definition.calendarId} does not exist`);
  const beyond =
    calendar && definition.calendarId !== null ? unreachableTarget(definition.targets, calendar) : undefined;
  if (beyond)
    throw new InvalidInputError(
      `targets.${beyond.target}`,
      `${beyond.minutes} business minutes is more than a year of calendar ${definition.calendarId}'s business time (${beyond.limit})`,
    );
  if (
    definition.pauseStatuses.some(
      (status) => status === 'new' || status === 'open' || status === 'solved' || status === 'closed',
    )
  ) {
    throw new InvalidInputError('pauseStatuses', 'only pending and on_hold can pause the SLA clock');
  }
  const anyTarget = PRIORITIES.some((priority) => Object.keys(definition.targets[priority] ?? {}).length > 0);
  if (!anyTarget) throw new InvalidInputError('targets', 'must set at least one target');
  return {
    ...definition,
    tiers: [...new Set(definition.tiers)],
    pauseStatuses: [...new Set(definition.pauseStatuses)],
  };
}

/** SLA policies (docs/design.md §4). Tickets copy a policy's targets at open, so edits never rewrite history. */
export const slaPolicyDecider: Decider<SlaPolicyCommand, SlaPolicyEvent, SlaPolicyState> = {
  initialState: { exists: false },

  evolve(_state, event) {
    const { policyId, ...definition } = event.data;
    return { exists: true, policyId, definition };
  },

  decide(command, state) {
    switch (command.kind) {
      case 'DefineSlaPolicy':
        if (state.exists)
          throw new RuleViolationError('sla_policy_already_exists', `SLA policy ${command.policyId} already exists`);
        return [
          {
            type: 'SlaPolicyDefined',
            data: { policyId: command.policyId, ...checked(command.definition, command.calendar) },
          },
        ];
      case 'UpdateSlaPolicy':
        if (!state.exists) throw new NotFoundError('sla_policy', command.policyId);
        return [
          {
            type: 'SlaPolicyUpdated',
            data: { policyId: command.policyId, ...checked(command.definition, command.calendar) },
          },
        ];
    }
  },
};
