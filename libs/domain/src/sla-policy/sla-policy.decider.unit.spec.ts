import type { BusinessCalendar } from '../calendar/business-time';
import { given } from '../shared/given-when-then';
import { slaPolicyDecider } from './sla-policy.decider';
import type { SlaPolicyDefinition, SlaPolicyEvent } from './sla-policy.events';

const definition: SlaPolicyDefinition = {
  name: 'Enterprise',
  tiers: ['strategic', 'strategic'],
  calendarId: 'c1',
  targets: { urgent: { first_response: 30, resolution: 240 }, high: { first_response: 60 }, normal: {}, low: {} },
  pauseStatuses: ['pending', 'on_hold'],
  atRiskMinutes: 15,
};
/** Mondays 09:00-17:00: 480 business minutes a week, 24,960 in a year of them. */
const CALENDAR: BusinessCalendar = {
  timeZone: 'UTC',
  weeklyHours: { mon: [{ start: '09:00', end: '17:00' }] },
  holidays: [],
};
const defined: SlaPolicyEvent = {
  type: 'SlaPolicyDefined',
  data: { policyId: 'p1', ...definition, tiers: ['strategic'] },
};

describe('SLA policy decider', () => {
  it('given nothing, when defined with a known calendar, records it', () => {
    expect(
      given(slaPolicyDecider, []).when({ kind: 'DefineSlaPolicy', policyId: 'p1', definition, calendar: CALENDAR }),
    ).toEqual([defined]);
  });

  it('given nothing, when defined with an unknown calendar, names calendarId', () => {
    expect(
      given(slaPolicyDecider, []).rejects({ kind: 'DefineSlaPolicy', policyId: 'p1', definition, calendar: null })
        .message,
    ).toBe('calendarId: calendar c1 does not exist');
  });

  it('given nothing, when defined 24/7 (no calendar), needs no calendar', () => {
    const [event] = given(slaPolicyDecider, []).when({
      kind: 'DefineSlaPolicy',
      policyId: 'p1',
      definition: { ...definition, calendarId: null },
      calendar: null,
    });
    expect(event.data.calendarId).toBeNull();
  });

  it('refuses a policy without any target and a pause on a working status', () => {
    const noTargets = { ...definition, targets: { urgent: {}, high: {}, normal: {}, low: {} } };
    expect(
      given(slaPolicyDecider, []).rejects({
        kind: 'DefineSlaPolicy',
        policyId: 'p1',
        definition: noTargets,
        calendar: CALENDAR,
      }).message,
    ).toBe('targets: must set at least one target');
    const pausesOpen = { ...definition, pauseStatuses: ['open' as const] };
    expect(
      given(slaPolicyDecider, []).rejects({
        kind: 'DefineSlaPolicy',
        policyId: 'p1',
        definition: pausesOpen,
        calendar: CALENDAR,
      }).message,
    ).toMatch(/^pauseStatuses:/);
  });

  it('given a policy, when defined again, refuses; when updated, records the new definition', () => {
    expect(
      given(slaPolicyDecider, [defined]).rejects({
        kind: 'DefineSlaPolicy',
        policyId: 'p1',
        definition,
        calendar: CALENDAR,
      }).code,
    ).toBe('sla_policy_already_exists');
    const [updated] = given(slaPolicyDecider, [defined]).when({
      kind: 'UpdateSlaPolicy',
      policyId: 'p1',
      definition: { ...definition, name: 'Enterprise v2' },
      calendar: CALENDAR,
    });
    expect(updated).toMatchObject({ type: 'SlaPolicyUpdated', data: { name: 'Enterprise v2' } });
  });

  it('given nothing, when defined with a target its calendar cannot reach within a year of business time, refuses naming the target', () => {
    const tooLong = { ...definition, targets: { ...definition.targets, normal: { resolution: 480_000 } } };
    expect(
      given(slaPolicyDecider, []).rejects({
        kind: 'DefineSlaPolicy',
        policyId: 'p1',
        definition: tooLong,
        calendar: CALENDAR,
      }).message,
    ).toBe(
      "targets.normal.resolution: 480000 business minutes is more than a year of calendar c1's business time (24960)",
    );
    const justFits = { ...definition, targets: { ...definition.targets, normal: { resolution: 24_960 } } };
    expect(
      given(slaPolicyDecider, [defined]).when({
        kind: 'UpdateSlaPolicy',
        policyId: 'p1',
        definition: justFits,
        calendar: CALENDAR,
      }),
    ).toHaveLength(1);
  });

  it('given nothing, when updated, answers not found', () => {
    expect(
      given(slaPolicyDecider, []).rejects({ kind: 'UpdateSlaPolicy', policyId: 'p2', definition, calendar: CALENDAR })
        .code,
    ).toBe('sla_policy_not_found');
  });
});
