import { renewalRiskReasons, type RenewalRiskFacts } from './account-risk';

const policy = { renewalWindowDays: 60, recentBreachDays: 30 };
const today = '2026-06-01';
const now = new Date('2026-06-01T12:00:00.000Z');

/** Given the account's facts, when the rule is asked on 2026-06-01 (window 60 days, breaches of 30), then these reasons. */
const given = (facts: Partial<RenewalRiskFacts>) => ({
  then: (expected: ReturnType<typeof renewalRiskReasons>) =>
    expect(
      renewalRiskReasons(
        { churned: false, renewalDate: '2026-07-01', openUrgentOrHigh: 0, lastBreachAt: null, ...facts },
        today,
        now,
        policy,
      ),
    ).toEqual(expected),
});

describe('an account renewing within the window', () => {
  it('with open urgent or high tickets is at risk, naming how many', () =>
    given({ openUrgentOrHigh: 2 }).then([
      { code: 'renewal_with_open_urgent_tickets', renewalDate: '2026-07-01', openTickets: 2 },
    ]));

  it('with a breach within the recent days is at risk, naming when', () =>
    given({ lastBreachAt: '2026-05-10T09:00:00.000Z' }).then([
      { code: 'renewal_with_recent_breach', renewalDate: '2026-07-01', lastBreachAt: '2026-05-10T09:00:00.000Z' },
    ]));

  it('with both, gives both reasons', () =>
    given({ openUrgentOrHigh: 1, lastBreachAt: '2026-05-31T00:00:00.000Z' }).then([
      { code: 'renewal_with_open_urgent_tickets', renewalDate: '2026-07-01', openTickets: 1 },
      { code: 'renewal_with_recent_breach', renewalDate: '2026-07-01', lastBreachAt: '2026-05-31T00:00:00.000Z' },
    ]));

  it('with neither, or only an older breach, is not at risk', () => {
    given({}).then([]);
    given({ lastBreachAt: '2026-05-01T11:59:59.999Z' }).then([]);
  });

  it('renewing today, or on the window’s last day, still counts', () => {
    given({ renewalDate: '2026-06-01', openUrgentOrHigh: 1 }).then([
      { code: 'renewal_with_open_urgent_tickets', renewalDate: '2026-06-01', openTickets: 1 },
    ]);
    given({ renewalDate: '2026-07-31', openUrgentOrHigh: 1 }).then([
      { code: 'renewal_with_open_urgent_tickets', renewalDate: '2026-07-31', openTickets: 1 },
    ]);
  });
});

describe('an account is never at risk by this rule', () => {
  it('once churned', () => given({ churned: true, openUrgentOrHigh: 3 }).then([]));
  it('renewing after the window', () => given({ renewalDate: '2026-08-01', openUrgentOrHigh: 3 }).then([]));
  it('with its renewal date past', () => given({ renewalDate: '2026-05-31', openUrgentOrHigh: 3 }).then([]));
  it('without a renewal date', () => given({ renewalDate: null, openUrgentOrHigh: 3 }).then([]));
});
