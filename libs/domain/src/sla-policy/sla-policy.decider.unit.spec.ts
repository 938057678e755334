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
const defined: SlaPolicyEvent = { type: 'SlaPolicyDefined', data: { policyId: 'p1', ...definition, tiers: ['strategic'] } };

describe('SLA policy decider', () => {
  it('given nothing, when defined with a known calendar, records it', () => {
    expect(given(slaPolicyDecider, []).when({ kind: 'DefineSlaPolicy', policyId: 'p1', definition, calendarExists: true })).toEqual([defined]);
  });

  it('given nothing, when defined with an unknown calendar, names calendarId', () => {
    expect(given(slaPolicyDecider, []).rejects({ kind: 'DefineSlaPolicy', policyId: 'p1', definition, calendarExists: false }).message).toBe('calendarId: calendar c1 does not exist');
  });

  it('given nothing, when defined 24/7 (no calendar), needs no calendar', () => {
    const [event] = given(slaPolicyDecider, []).when({ kind: 'DefineSlaPolicy', policyId: 'p1', definition: { ...definition, calendarId: null }, calendarExists: false });
    expect(event.data.calendarId).toBeNull();
  });

  it('refuses a policy without any target and a pause on a working status', () => {
    const noTargets = { ...definition, targets: { urgent: {}, high: {}, normal: {}, low: {} } };
    expect(given(slaPolicyDecider, []).rejects({ kind: 'DefineSlaPolicy', policyId: 'p1', definition: noTargets, calendarExists: true }).message).toBe('targets: must set at least one target');
    const pausesOpen = { ...definition, pauseStatuses: ['open' as const] };
    expect(given(slaPolicyDecider, []).rejects({ kind: 'DefineSlaPolicy', policyId: 'p1', definition: pausesOpen, calendarExists: true }).message).toMatch(/^pauseStatuses:/);
  });

  it('given a policy, when defined again, refuses; when updated, records the new definition', () => {
    expect(given(slaPolicyDecider, [defined]).rejects({ kind: 'DefineSlaPolicy', policyId: 'p1', definition, calendarExists: true }).code).toBe('sla_policy_already_exists');
    const [updated] = given(slaPolicyDecider, [defined]).when({ kind: 'UpdateSlaPolicy', policyId: 'p1', definition: { ...definition, name: 'Enterprise v2' }, calendarExists: true });
    expect(updated).toMatchObject({ type: 'SlaPolicyUpdated', data: { name: 'Enterprise v2' } });
  });

  it('given nothing, when updated, answers not found', () => {
    expect(given(slaPolicyDecider, []).rejects({ kind: 'UpdateSlaPolicy', policyId: 'p2', definition, calendarExists: true }).code).toBe('sla_policy_not_found');
  });
});
