import type { BusinessCalendar } from '../calendar/business-time';
import { matchSlaPolicy, type KnownSlaPolicy } from './sla-policy-match';
import type { SlaPolicyDefinition } from './sla-policy.events';

const targets = { urgent: { first_response: 30 }, high: {}, normal: {}, low: {} };
const definition = (
  name: string,
  tiers: SlaPolicyDefinition['tiers'],
  calendarId: string | null = null,
): SlaPolicyDefinition => ({
  name,
  tiers,
  calendarId,
  targets,
  pauseStatuses: ['pending', 'on_hold'],
  atRiskMinutes: 15,
});
const policy = (policyId: string, definedAt: bigint, ...rest: Parameters<typeof definition>): KnownSlaPolicy => ({
  policyId,
  definedAt,
  definition: definition(...rest),
});

const BERLIN: BusinessCalendar = {
  timeZone: 'Europe/Berlin',
  weeklyHours: { mon: [{ start: '09:00', end: '17:00' }] },
  holidays: ['2026-12-25'],
};
const CALENDARS = new Map([['berlin', { ...BERLIN, name: 'Berlin office' }]]);

describe('SLA policy matching', () => {
  it('given policies for several tiers, the first defined for the account tier applies, whatever the order the catalog lists them in', () => {
    const policies = [
      policy('later', 30n, 'Later', ['growth']),
      policy('other', 5n, 'Other', ['standard']),
      policy('first', 10n, 'First', ['growth', 'strategic']),
    ];
    expect(matchSlaPolicy(policies, CALENDARS, { tier: 'growth', slaPolicyId: null })?.policyId).toBe('first');
  });

  it('given a policy the account names, it applies even when defined later or for another tier', () => {
    const policies = [policy('tier', 1n, 'Tier', ['growth']), policy('named', 9n, 'Named', ['strategic'])];
    expect(matchSlaPolicy(policies, CALENDARS, { tier: 'growth', slaPolicyId: 'named' })?.policyId).toBe('named');
  });

  it('given an account naming a policy that does not exist, none applies (no fallback to the tier)', () => {
    expect(
      matchSlaPolicy([policy('tier', 1n, 'Tier', ['growth'])], CALENDARS, { tier: 'growth', slaPolicyId: 'gone' }),
    ).toBeNull();
  });

  it('given no policy for the tier, none applies', () => {
    expect(
      matchSlaPolicy([policy('growth', 1n, 'Growth', ['growth'])], CALENDARS, { tier: 'standard', slaPolicyId: null }),
    ).toBeNull();
  });

  it('copies the policy and its calendar hours into the snapshot, without the calendar name', () => {
    expect(
      matchSlaPolicy([policy('p', 1n, 'Office hours', ['standard'], 'berlin')], CALENDARS, {
        tier: 'standard',
        slaPolicyId: null,
      }),
    ).toEqual({
      policyId: 'p',
      policyName: 'Office hours',
      calendarId: 'berlin',
      calendar: BERLIN,
      targets,
      pauseStatuses: ['pending', 'on_hold'],
      atRiskMinutes: 15,
    });
  });

  it('a policy without calendar, or whose calendar is unknown, runs 24/7 (calendar null)', () => {
    const around = matchSlaPolicy([policy('p', 1n, '24/7', ['standard'])], CALENDARS, {
      tier: 'standard',
      slaPolicyId: null,
    });
    const unknown = matchSlaPolicy([policy('p', 1n, 'Lost', ['standard'], 'nowhere')], CALENDARS, {
      tier: 'standard',
      slaPolicyId: null,
    });
    expect([around?.calendar, unknown?.calendar]).toEqual([null, null]);
    expect(unknown?.calendarId).toBe('nowhere');
  });
});
