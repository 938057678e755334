import { streams } from '@app/domain';
import { Random } from './random';

/**
 * One command of a simulated history. `kind` names the API slice; `target` is the path id (account
 * or ticket) and `body` the request body exactly as the HTTP API takes it, so a history can be
 * replayed through the command bus (the seed command) or over HTTP (the benchmark).
 */
export interface SimulatedCommand {
  at: number;
  kind: SimulatedKind;
  target: string | null;
  body: Record<string, unknown>;
  /** The stream the command writes to. */
  stream: string;
  /** Streams whose earlier commands must have completed first (the account of a new ticket). */
  after: string[];
}

export type SimulatedKind =
  | 'define-calendar'
  | 'define-sla-policy'
  | 'onboard-account'
  | 'add-contact'
  | 'remove-contact'
  | 'renew-contract'
  | 'expand-contract'
  | 'contract-contract'
  | 'churn-account'
  | 'change-tier'
  | 'change-owner'
  | 'record-nps'
  | 'open-ticket'
  | 'add-reply'
  | 'add-note'
  | 'change-status'
  | 'assign-ticket'
  | 'change-priority'
  | 'escalate-ticket'
  | 'merge-ticket'
  | 'rate-csat';

/** Where each command goes over HTTP. */
export function httpRouteOf(command: SimulatedCommand): { method: 'POST' | 'DELETE'; path: string } {
  const suffix: Partial<Record<SimulatedKind, string>> = {
    'add-contact': 'contacts',
    'renew-contract': 'renewals',
    'expand-contract': 'expansions',
    'contract-contract': 'contractions',
    'churn-account': 'churn',
    'change-tier': 'tier',
    'change-owner': 'owner',
    'record-nps': 'nps',
    'add-reply': 'replies',
    'add-note': 'notes',
    'change-status': 'status',
    'assign-ticket': 'assignment',
    'change-priority': 'priority',
    'escalate-ticket': 'escalations',
    'merge-ticket': 'merge',
    'rate-csat': 'csat',
  };
  const root = {
    'define-calendar': 'calendars',
    'define-sla-policy': 'sla-policies',
    'onboard-account': 'accounts',
    'open-ticket': 'tickets',
  } as Partial<Record<SimulatedKind, string>>;
  if (root[command.kind]) return { method: 'POST', path: `/v1/${root[command.kind]}` };
  if (command.kind === 'remove-contact')
    return { method: 'DELETE', path: `/v1/accounts/${command.target}/contacts/${command.body.contactId as string}` };
  const collection = command.stream.startsWith('ticket-') ? 'tickets' : 'accounts';
  return { method: 'POST', path: `/v1/${collection}/${command.target}/${suffix[command.kind]}` };
}

export interface SimulationOptions {
  seed: number;
  accounts: number;
  /** First day of the simulated period, YYYY-MM-DD (UTC). */
  from: string;
  days: number;
  /** Prefix of every generated id, so several histories can share a database. */
  prefix: string;
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const TIERS = [
  ['strategic', 0.1],
  ['growth', 0.3],
  ['standard', 0.6],
] as const;
/** Tickets per account per weekday, by tier: strategic accounts lean on support the most. */
const TICKET_RATE = { strategic: 0.6, growth: 0.25, standard: 0.08 } as const;
const ARR_MEDIAN = { strategic: 60_000_000, growth: 9_000_000, standard: 1_200_000 } as const;
const PRIORITIES = [
  ['urgent', 0.05],
  ['high', 0.2],
  ['normal', 0.55],
  ['low', 0.2],
] as const;
const FIRST_REPLY_MEDIAN_MIN = { urgent: 20, high: 60, normal: 180, low: 480 } as const;
const CATEGORIES = [
  ['authentication', 'tier-1'],
  ['billing', 'billing'],
  ['integrations', 'tier-2'],
  ['performance', 'tier-2'],
  ['data-export', 'tier-1'],
  ['feature-request', 'product'],
  ['outage', 'incident'],
] as const;
const CHANNELS = [
  ['email', 0.45],
  ['portal', 0.25],
  ['chat', 0.15],
  ['phone', 0.1],
  ['api', 0.05],
] as const;
const ZONES = [
  'America/New_York',
  'America/Chicago',
  'America/Los_Angeles',
  'Europe/Berlin',
  'Europe/London',
  'Asia/Tokyo',
  'Australia/Sydney',
];
const NAMES = [
  'Acme',
  'Globex',
  'Initech',
  'Umbrella',
  'Hooli',
  'Stark',
  'Wayne',
  'Wonka',
  'Tyrell',
  'Cyberdyne',
  'Soylent',
  'Vandelay',
  'Aperture',
  'Massive',
  'Oscorp',
  'Gringotts',
];
const SUFFIXES = ['Corp', 'Labs', 'Systems', 'Group', 'Health', 'Logistics', 'Bank', 'Retail', 'Media', 'Energy'];
const CONTACT_ROLES = ['technical', 'user', 'executive'] as const;
const AGENTS = Array.from({ length: 24 }, (_, i) => `agent-${String(i + 1).padStart(2, '0')}`);
const OWNERS = Array.from({ length: 8 }, (_, i) => `am-${i + 1}`);
const weekdays = (intervals: Array<{ start: string; end: string }>) => ({
  mon: intervals,
  tue: intervals,
  wed: intervals,
  thu: intervals,
  fri: intervals,
});

interface SimAccount {
  id: string;
  tier: 'strategic' | 'growth' | 'standard';
  contacts: string[];
  onboardedAt: number;
  churnedAt: number;
}

interface SimTicket {
  id: string;
  openedAt: number;
  /** When it was solved for the last time (Infinity if it stays open), and whether it was merged away. */
  solvedAt: number;
  closedAt: number;
}

/**
 * A deterministic year (or any period) of B2B support: calendars in several zones, SLA policies
 * per tier, accounts with a skewed ARR distribution, Poisson ticket arrivals weighted to weekdays,
 * replies with log-normal response times, waits on the customer, escalations, reopenings, merges,
 * CSAT, and contract renewals, expansions, contractions and churn. Same options, same history.
 */
export function simulate(options: SimulationOptions): SimulatedCommand[] {
  const random = new Random(options.seed);
  const start = Date.parse(`${options.from}T00:00:00.000Z`);
  const end = start + options.days * DAY;
  const commands: SimulatedCommand[] = [];
  const id = (kind: string, n: number, width = 5) => `${options.prefix}-${kind}${String(n).padStart(width, '0')}`;
  const push = (
    at: number,
    kind: SimulatedKind,
    stream: string,
    target: string | null,
    body: Record<string, unknown>,
    after: string[] = [],
  ) => {
    if (at < end) commands.push({ at: Math.round(at), kind, stream, target, body, after });
  };
  const date = (at: number) => new Date(at).toISOString().slice(0, 10);

  const calendars = [
    {
      id: `${options.prefix}-nyc`,
      name: 'New York business hours',
      timeZone: 'America/New_York',
      weeklyHours: weekdays([{ start: '09:00', end: '17:00' }]),
      holidays: ['2026-01-01', '2026-05-25', '2026-07-03', '2026-09-07', '2026-11-26', '2026-12-25'],
    },
    {
      id: `${options.prefix}-ber`,
      name: 'Berlin business hours',
      timeZone: 'Europe/Berlin',
      weeklyHours: weekdays([{ start: '08:00', end: '18:00' }]),
      holidays: ['2026-01-01', '2026-04-03', '2026-04-06', '2026-05-01', '2026-10-03', '2026-12-25', '2026-12-26'],
    },
    {
      id: `${options.prefix}-tyo`,
      name: 'Tokyo business hours',
      timeZone: 'Asia/Tokyo',
      weeklyHours: weekdays([
        { start: '09:00', end: '12:00' },
        { start: '13:00', end: '18:00' },
      ]),
      holidays: ['2026-01-01', '2026-01-02', '2026-05-04', '2026-05-05', '2026-11-03'],
    },
  ];
  for (const calendar of calendars) push(start - DAY, 'define-calendar', streams.calendar(calendar.id), null, calendar);
  const policies = [
    {
      id: `${options.prefix}-strategic`,
      name: 'Strategic 24/7',
      tiers: ['strategic'],
      calendarId: null,
      targets: {
        urgent: { first_response: 30, next_response: 60, resolution: 240 },
        high: { first_response: 60, next_response: 120, resolution: 480 },
        normal: { first_response: 240, next_response: 480, resolution: 1440 },
        low: { first_response: 480, resolution: 2880 },
      },
    },
    {
      id: `${options.prefix}-growth`,
      name: 'Growth business hours',
      tiers: ['growth'],
      calendarId: calendars[0].id,
      targets: {
        urgent: { first_response: 60, next_response: 120, resolution: 480 },
        high: { first_response: 120, next_response: 240, resolution: 960 },
        normal: { first_response: 480, resolution: 2400 },
        low: { first_response: 960, resolution: 4800 },
      },
    },
    {
      id: `${options.prefix}-standard`,
      name: 'Standard business hours',
      tiers: ['standard'],
      calendarId: calendars[1].id,
      targets: {
        urgent: { first_response: 120, resolution: 960 },
        high: { first_response: 240, resolution: 1920 },
        normal: { first_response: 960, resolution: 4800 },
        low: { first_response: 1920 },
      },
      atRiskMinutes: 30,
    },
    {
      id: `${options.prefix}-apac`,
      name: 'APAC override',
      tiers: ['strategic'],
      calendarId: calendars[2].id,
      targets: {
        urgent: { first_response: 30, resolution: 480 },
        high: { first_response: 60, resolution: 960 },
        normal: { first_response: 240, resolution: 2400 },
        low: { first_response: 480 },
      },
    },
  ];
  for (const policy of policies)
    push(
      start - DAY + HOUR,
      'define-sla-policy',
      streams.slaPolicy(policy.id),
      null,
      policy,
      policy.calendarId ? [streams.calendar(policy.calendarId)] : [],
    );

  const accounts: SimAccount[] = [];
  let contactCount = 0;
  for (let n = 1; n <= options.accounts; n += 1) {
    const accountId = id('a', n, 4);
    const stream = streams.account(accountId);
    const tier = random.weighted(TIERS);
    const timeZone = random.pick(ZONES);
    const newLogo = random.chance(0.2);
    const onboardedAt = newLogo ? start + random.int(1, options.days - 1) * DAY + 9 * HOUR : start - DAY + 2 * HOUR;
    const contractStart = newLogo ? onboardedAt : start - random.int(0, 364) * DAY;
    const currency = timeZone.startsWith('Europe') ? 'EUR' : 'USD';
    let arr = Math.round(random.logNormal(ARR_MEDIAN[tier], 0.6) / 100) * 100;
    let renewal = contractStart + 365 * DAY;
    push(
      onboardedAt,
      'onboard-account',
      stream,
      null,
      {
        id: accountId,
        name: `${random.pick(NAMES)} ${random.pick(SUFFIXES)} ${n}`,
        tier,
        arr: { amountMinor: arr, currency },
        contractStart: date(contractStart),
        renewalDate: date(renewal),
        ownerId: random.pick(OWNERS),
        timeZone,
        ...(tier === 'strategic' && timeZone === 'Asia/Tokyo' ? { slaPolicyId: policies[3].id } : {}),
      },
      tier === 'strategic' && timeZone === 'Asia/Tokyo' ? [streams.slaPolicy(policies[3].id)] : [],
    );
    const contacts: string[] = [];
    for (let c = random.int(2, 5); c > 0; c -= 1) {
      const contactId = id('c', (contactCount += 1), 5);
      contacts.push(contactId);
      push(onboardedAt + MINUTE * (contacts.length + 1), 'add-contact', stream, accountId, {
        id: contactId,
        name: `Contact ${contactCount}`,
        email: `${contactId}@customer.test`,
        role: random.pick(CONTACT_ROLES),
      });
    }
    const procurement = id('c', (contactCount += 1), 5);
    push(onboardedAt + 10 * MINUTE, 'add-contact', stream, accountId, {
      id: procurement,
      name: `Buyer ${contactCount}`,
      email: `${procurement}@customer.test`,
      role: 'procurement',
    });

    let churnedAt = Infinity;
    let churnDecidedAt = Infinity;
    while (renewal < end) {
      const decided = Math.max(renewal - random.int(1, 20) * DAY, onboardedAt + HOUR);
      if (random.chance(tier === 'standard' ? 0.12 : 0.05)) {
        churnedAt = renewal;
        churnDecidedAt = decided;
        push(decided, 'churn-account', stream, accountId, {
          reason: random.pick([
            'budget cuts',
            'moved to a competitor',
            'acquired',
            'product fit',
            'poor support experience',
          ]),
          effectiveDate: date(renewal),
        });
        break;
      }
      arr = Math.round((arr * (0.95 + random.next() * 0.2)) / 100) * 100;
      renewal += 365 * DAY;
      push(decided, 'renew-contract', stream, accountId, {
        arr: { amountMinor: arr, currency },
        renewalDate: date(renewal),
        effectiveDate: date(renewal - 365 * DAY),
      });
    }
    const pushUntilChurn: Push = (at, ...rest) => {
      if (at < churnDecidedAt) push(at, ...rest);
    };
    const at = onboardedAt + random.int(20, 200) * DAY;
    if (random.chance(0.15)) {
      const delta = Math.round(arr * (0.1 + random.next() * 0.4));
      pushUntilChurn(at, 'expand-contract', stream, accountId, {
        delta: { amountMinor: delta, currency },
        effectiveDate: date(at),
      });
      arr += delta;
    } else if (random.chance(0.06)) {
      const delta = Math.round(arr * (0.1 + random.next() * 0.3));
      pushUntilChurn(at, 'contract-contract', stream, accountId, {
        delta: { amountMinor: delta, currency },
        effectiveDate: date(at),
      });
      arr -= delta;
    }
    if (random.chance(0.1))
      pushUntilChurn(onboardedAt + random.int(30, 330) * DAY, 'change-owner', stream, accountId, {
        ownerId: random.pick(OWNERS),
      });
    if (tier !== 'strategic' && random.chance(0.05))
      pushUntilChurn(onboardedAt + random.int(30, 330) * DAY, 'change-tier', stream, accountId, {
        tier: tier === 'standard' ? 'growth' : 'strategic',
      });
    if (random.chance(0.1))
      pushUntilChurn(at + random.int(1, 30) * DAY, 'remove-contact', stream, accountId, { contactId: procurement });
    if (random.chance(0.4)) {
      for (let q = onboardedAt + random.int(30, 90) * DAY; q < end; q += 91 * DAY) {
        pushUntilChurn(q, 'record-nps', stream, accountId, {
          score: random.weighted([
            [10, 3],
            [9, 4],
            [8, 3],
            [7, 2],
            [6, 1],
            [4, 1],
            [2, 1],
          ] as const),
          contactId: random.pick(contacts),
        });
      }
    }
    // A leaving customer stops opening tickets a few weeks before the contract ends.
    accounts.push({ id: accountId, tier, contacts, onboardedAt, churnedAt: churnedAt - 20 * DAY });
  }

  let ticketCount = 0;
  for (const account of accounts) {
    const tickets: SimTicket[] = [];
    const from = account.onboardedAt + HOUR;
    const until = Math.min(end, account.churnedAt);
    for (
      let t = from + random.exponential(DAY / TICKET_RATE[account.tier]);
      t < until;
      t += random.exponential(DAY / TICKET_RATE[account.tier])
    ) {
      const weekday = new Date(t).getUTCDay();
      if ((weekday === 0 || weekday === 6) && !random.chance(0.3)) continue;
      const ticketId = id('t', (ticketCount += 1), 6);
      tickets.push(simulateTicket(random, push, account, ticketId, t, tickets));
    }
  }
  return commands.sort((a, b) => a.at - b.at);
}

type Push = (
  at: number,
  kind: SimulatedKind,
  stream: string,
  target: string | null,
  body: Record<string, unknown>,
  after?: string[],
) => void;

function simulateTicket(
  random: Random,
  push: Push,
  account: SimAccount,
  ticketId: string,
  openedAt: number,
  earlier: SimTicket[],
): SimTicket {
  const stream = streams.ticket(ticketId);
  const priority = random.weighted(PRIORITIES);
  const [category, group] = random.pick(CATEGORIES);
  const contact = random.pick(account.contacts);
  push(
    openedAt,
    'open-ticket',
    stream,
    null,
    {
      id: ticketId,
      accountId: account.id,
      contactId: contact,
      subject: `${category} issue`,
      description: 'Reported by the customer',
      channel: random.weighted(CHANNELS),
      priority,
      category,
    },
    [streams.account(account.id)],
  );
  const agent = random.pick(AGENTS);
  let at = openedAt + random.int(1, 30) * MINUTE;
  push(at, 'assign-ticket', stream, ticketId, { group, agentId: agent });

  const mergeInto = random.chance(0.03)
    ? earlier.find((t) => t.openedAt < openedAt && t.solvedAt > openedAt + 2 * HOUR && t.closedAt === Infinity)
    : undefined;
  if (mergeInto) {
    push(at + 5 * MINUTE, 'merge-ticket', stream, ticketId, { intoTicketId: mergeInto.id }, [
      streams.ticket(mergeInto.id),
    ]);
    return { id: ticketId, openedAt, solvedAt: openedAt, closedAt: openedAt };
  }
  const reply = (when: number, kind: 'agent' | 'customer') =>
    push(when, 'add-reply', stream, ticketId, {
      author: { kind, id: kind === 'agent' ? agent : contact },
      public: true,
      body: kind === 'agent' ? 'Thanks, we are on it.' : 'Any update?',
    });
  if (random.chance(0.05))
    push(at + MINUTE, 'change-priority', stream, ticketId, { priority: priority === 'urgent' ? 'high' : 'urgent' });
  if (random.chance(0.3))
    push((at += random.int(2, 40) * MINUTE), 'add-note', stream, ticketId, {
      authorId: agent,
      body: 'Checked the logs.',
    });
  at = openedAt + random.logNormal(FIRST_REPLY_MEDIAN_MIN[priority], 1) * MINUTE + 2 * MINUTE;
  reply(at, 'agent');
  if (random.chance(account.tier === 'strategic' ? 0.15 : 0.06)) {
    push((at += random.int(5, 120) * MINUTE), 'escalate-ticket', stream, ticketId, {
      tier: random.weighted([
        ['l2', 5],
        ['engineering', 3],
        ['account_management', 1],
      ] as const),
      reason: 'Needs a specialist',
    });
  }
  for (
    let round = random.weighted([
      [0, 35],
      [1, 35],
      [2, 20],
      [3, 10],
    ] as const);
    round > 0;
    round -= 1
  ) {
    const waitsOnCustomer = random.chance(0.6);
    if (waitsOnCustomer) push((at += MINUTE), 'change-status', stream, ticketId, { status: 'pending' });
    else if (random.chance(0.1)) {
      push((at += MINUTE), 'change-status', stream, ticketId, { status: 'on_hold' });
      push((at += random.logNormal(600, 1) * MINUTE), 'change-status', stream, ticketId, { status: 'open' });
    }
    reply((at += random.logNormal(240, 1.2) * MINUTE), 'customer');
    reply((at += random.logNormal(FIRST_REPLY_MEDIAN_MIN[priority] * 1.5, 1) * MINUTE), 'agent');
  }
  let solvedAt = (at += random.int(5, 240) * MINUTE);
  push(solvedAt, 'change-status', stream, ticketId, { status: 'solved' });
  if (random.chance(0.05)) {
    reply((at += random.int(60, 2880) * MINUTE), 'customer');
    reply((at += random.logNormal(FIRST_REPLY_MEDIAN_MIN[priority], 1) * MINUTE), 'agent');
    push((solvedAt = at += random.int(5, 120) * MINUTE), 'change-status', stream, ticketId, { status: 'solved' });
  }
  if (random.chance(0.55))
    push(at + random.logNormal(120, 1) * MINUTE, 'rate-csat', stream, ticketId, {
      score: random.weighted([
        [5, 45],
        [4, 30],
        [3, 12],
        [2, 8],
        [1, 5],
      ] as const),
    });
  const closedAt = random.chance(0.7) ? solvedAt + 4 * DAY : Infinity;
  if (closedAt !== Infinity) push(closedAt, 'change-status', stream, ticketId, { status: 'closed' });
  return { id: ticketId, openedAt, solvedAt, closedAt };
}
