import { bearer, KEYS, startApi, type ApiHarness } from '../support/api-app';

/**
 * The SLA clock and the triggers as production runs them (ROLES=all, the role's own loop), with
 * the injected clock under the test's control. Every expected instant is computed by hand below.
 */
const writer = bearer(KEYS.writer);
let now = new Date('2026-10-30T12:00:00.000Z');
const clock = { now: () => now };
let api: ApiHarness;

const weekdays = (start: string, end: string) =>
  Object.fromEntries(['mon', 'tue', 'wed', 'thu', 'fri'].map((day) => [day, [{ start, end }]]));

beforeAll(async () => {
  api = await startApi({ ROLES: 'all', SLA_CLOCK_POLL_MS: '20', TRIGGER_POLL_MS: '50' }, clock);
  const calendars = [
    {
      id: 'nyc',
      name: 'New York',
      timeZone: 'America/New_York',
      weeklyHours: weekdays('09:00', '17:00'),
      holidays: ['2026-11-26'],
    },
    { id: 'ber', name: 'Berlin', timeZone: 'Europe/Berlin', weeklyHours: weekdays('09:00', '18:00'), holidays: [] },
    {
      id: 'tyo',
      name: 'Tokyo',
      timeZone: 'Asia/Tokyo',
      weeklyHours: weekdays('09:00', '18:00'),
      holidays: ['2026-11-23'],
    },
  ];
  for (const calendar of calendars) await api.http().post('/v1/calendars').set(writer).send(calendar).expect(201);
  for (const calendar of calendars) {
    await api
      .http()
      .post('/v1/sla-policies')
      .set(writer)
      .send({
        id: `${calendar.id}-policy`,
        name: calendar.name,
        tiers: ['growth'],
        calendarId: calendar.id,
        targets: { urgent: { first_response: 60, next_response: 30, resolution: 480 } },
      })
      .expect(201);
    await onboard(`${calendar.id}-account`, 'growth', '2027-06-01', `${calendar.id}-policy`);
  }
});

afterAll(async () => {
  await api.close();
});

async function onboard(id: string, tier: string, renewalDate: string, slaPolicyId?: string): Promise<void> {
  await api
    .http()
    .post('/v1/accounts')
    .set(writer)
    .send({
      id,
      name: id,
      tier,
      arr: { amountMinor: 10_000_000, currency: 'USD' },
      contractStart: '2026-01-01',
      renewalDate,
      ownerId: 'am-1',
      timeZone: 'UTC',
      ...(slaPolicyId ? { slaPolicyId } : {}),
    })
    .expect(201);
  await api
    .http()
    .post(`/v1/accounts/${id}/contacts`)
    .set(writer)
    .send({ id: 'ada', name: 'Ada', email: `ada@${id}.test`, role: 'technical' })
    .expect(201);
}

const openTicket = (id: string, accountId: string, priority = 'urgent') =>
  api
    .http()
    .post('/v1/tickets')
    .set(writer)
    .send({ id, accountId, contactId: 'ada', subject: `Ticket ${id}`, channel: 'email', priority, category: 'general' })
    .expect(201);
const reply = (id: string, kind: 'agent' | 'customer') =>
  api
    .http()
    .post(`/v1/tickets/${id}/replies`)
    .set(writer)
    .send({ author: { kind, id: kind === 'agent' ? 'agent-1' : 'ada' }, public: true, body: 'hello' })
    .expect(200);
const setStatus = (id: string, status: string) =>
  api.http().post(`/v1/tickets/${id}/status`).set(writer).send({ status }).expect(200);

interface Row {
  type: string;
  data: Record<string, unknown>;
  metadata: Record<string, unknown>;
}

async function events(streamId: string, types: string[]): Promise<Row[]> {
  return (await api.log())
    .filter((event) => event.streamId === streamId && types.includes(event.type))
    .map(({ type, data, metadata }) => ({ type, data, metadata }) as Row);
}

/** Waits until the stream holds `count` events of these types (the clock ticks every 20 ms). */
async function eventually(streamId: string, types: string[], count: number): Promise<Row[]> {
  const deadline = Date.now() + 15_000;
  for (;;) {
    const rows = await events(streamId, types);
    if (rows.length >= count || Date.now() > deadline) return rows;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** Several ticks of the clock and the triggers, to show that something does not happen. */
const severalTicks = () => new Promise((resolve) => setTimeout(resolve, 400));

const at = (instance: string, atRiskAt: string) =>
  expect.objectContaining({ type: 'SlaTargetAtRisk', data: expect.objectContaining({ instance, atRiskAt }) });
const breach = (instance: string, breachedAt: string) =>
  expect.objectContaining({ type: 'SlaTargetBreached', data: expect.objectContaining({ instance, breachedAt }) });
const CLOCK_TYPES = ['SlaTargetAtRisk', 'SlaTargetBreached'];

describe('SLA clock', () => {
  it('New York: a ticket opened Friday afternoon before the DST change is at risk and breached on Monday morning, in EST', async () => {
    // Fri 2026-10-30 16:30 EDT. First response (60): 30 min on Friday, then Monday 2026-11-02 from
    // 09:00 EST (14:00Z, the clocks went back on Sunday): at risk after 45 → 09:15 EST, due 09:30 EST.
    now = new Date('2026-10-30T20:30:00.000Z');
    await openTicket('ny-1', 'nyc-account');
    now = new Date('2026-11-02T14:14:59.000Z');
    await severalTicks();
    expect(await events('ticket-ny-1', CLOCK_TYPES)).toEqual([]);

    now = new Date('2026-11-02T14:15:00.000Z');
    expect(await eventually('ticket-ny-1', CLOCK_TYPES, 1)).toEqual([
      at('first_response:1', '2026-11-02T14:15:00.000Z'),
    ]);
    now = new Date('2026-11-02T14:31:00.000Z');
    const recorded = await eventually('ticket-ny-1', CLOCK_TYPES, 2);
    expect(recorded[1]).toEqual(breach('first_response:1', '2026-11-02T14:30:00.000Z'));
    expect(recorded[1].metadata).toMatchObject({
      actor: { kind: 'system', id: 'sla-clock' },
      source: 'support-ops/sla-clock',
    });
  });

  it('New York: a clock that was away records what it missed with the instants it happened', async () => {
    // Resolution (480): 30 min Friday + 450 Monday from 09:00 EST → due 16:30 EST (21:30Z), at risk 16:15 EST.
    now = new Date('2026-11-03T12:00:00.000Z');
    const recorded = await eventually('ticket-ny-1', CLOCK_TYPES, 4);
    expect(recorded.slice(2)).toEqual([
      at('resolution:1', '2026-11-02T21:15:00.000Z'),
      breach('resolution:1', '2026-11-02T21:30:00.000Z'),
    ]);
  });

  it('Berlin: a pending pause stops the clock, the reply resumes it, a reopen resumes resolution with the budget used', async () => {
    // Tue 2026-11-03 17:00 CET (16:00Z).
    now = new Date('2026-11-03T16:00:00.000Z');
    await openTicket('ber-1', 'ber-account');
    now = new Date('2026-11-03T16:10:00.000Z');
    await reply('ber-1', 'agent'); // first response achieved at 17:10 CET
    now = new Date('2026-11-03T16:20:00.000Z');
    await setStatus('ber-1', 'pending'); // resolution paused with 20 of 480 minutes used

    // Unpaused, resolution would have been due Wed 16:00 CET (15:00Z): nothing happens while pending.
    now = new Date('2026-11-04T16:00:00.000Z');
    await severalTicks();
    expect(await events('ticket-ber-1', CLOCK_TYPES)).toEqual([]);

    // Thu 10:00 CET the customer answers: resolution resumes with 460 left → due 17:40 CET (16:40Z),
    // at risk 17:25 CET; next response (30) starts → due 10:30 CET, at risk 10:15 CET (09:15Z).
    now = new Date('2026-11-05T09:00:00.000Z');
    await reply('ber-1', 'customer');
    now = new Date('2026-11-05T09:20:00.000Z');
    expect(await eventually('ticket-ber-1', CLOCK_TYPES, 1)).toEqual([
      at('next_response:1', '2026-11-05T09:15:00.000Z'),
    ]);
    now = new Date('2026-11-05T09:25:00.000Z');
    await reply('ber-1', 'agent'); // next response achieved
    now = new Date('2026-11-05T16:30:00.000Z');
    expect((await eventually('ticket-ber-1', CLOCK_TYPES, 2))[1]).toEqual(
      at('resolution:1', '2026-11-05T16:25:00.000Z'),
    );

    // Solved at 17:35 CET with 475 used; the customer reopens at 17:50 CET: 5 minutes left → due 17:55 CET.
    now = new Date('2026-11-05T16:35:00.000Z');
    await setStatus('ber-1', 'solved');
    now = new Date('2026-11-05T16:50:00.000Z');
    await reply('ber-1', 'customer');
    now = new Date('2026-11-05T16:56:00.000Z');
    const recorded = await eventually('ticket-ber-1', CLOCK_TYPES, 3);
    expect(recorded[2]).toEqual(breach('resolution:1', '2026-11-05T16:55:00.000Z'));
    // The at-risk of resolution:1 was recorded before the solve and is not recorded again.
    await severalTicks();
    expect(
      (await events('ticket-ber-1', CLOCK_TYPES)).filter((event) => event.data.instance === 'resolution:1'),
    ).toHaveLength(2);
  });

  it('Tokyo: a weekend and a holiday Monday pass without business time', async () => {
    // Fri 2026-11-20 17:30 JST: 30 min Friday, then Tue 2026-11-24 (Mon 23rd is a holiday) → at risk 09:15, due 09:30 JST.
    now = new Date('2026-11-20T08:30:00.000Z');
    await openTicket('tyo-1', 'tyo-account');
    now = new Date('2026-11-23T05:00:00.000Z');
    await severalTicks();
    expect(await events('ticket-tyo-1', CLOCK_TYPES)).toEqual([]);
    now = new Date('2026-11-24T00:31:00.000Z');
    expect(await eventually('ticket-tyo-1', CLOCK_TYPES, 2)).toEqual([
      at('first_response:1', '2026-11-24T00:15:00.000Z'),
      breach('first_response:1', '2026-11-24T00:30:00.000Z'),
    ]);
  });

  it('New York: Thanksgiving is not a business day', async () => {
    // Wed 2026-11-25 16:45 EST: 15 min Wednesday, Thursday is a holiday, Friday from 09:00 → at risk 09:30, due 09:45 EST.
    now = new Date('2026-11-25T21:45:00.000Z');
    await openTicket('ny-2', 'nyc-account');
    now = new Date('2026-11-26T18:00:00.000Z');
    await severalTicks();
    expect(await events('ticket-ny-2', CLOCK_TYPES)).toEqual([]);
    now = new Date('2026-11-27T14:46:00.000Z');
    expect(await eventually('ticket-ny-2', CLOCK_TYPES, 2)).toEqual([
      at('first_response:1', '2026-11-27T14:30:00.000Z'),
      breach('first_response:1', '2026-11-27T14:45:00.000Z'),
    ]);
  });

  it('records every at-risk and breach of every ticket exactly once', async () => {
    now = new Date('2026-12-31T00:00:00.000Z');
    await severalTicks();
    const counts = new Map<string, number>();
    for (const event of await api.log()) {
      if (!CLOCK_TYPES.includes(event.type)) continue;
      const key = `${event.streamId} ${event.type} ${(event.data as { instance: string }).instance}`;
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    expect(counts.size).toBeGreaterThan(10);
    expect([...counts].filter(([, n]) => n !== 1)).toEqual([]);
  });
});

describe('triggers', () => {
  beforeAll(async () => {
    now = new Date('2026-12-01T09:00:00.000Z');
    await api
      .http()
      .post('/v1/sla-policies')
      .set(writer)
      .send({
        id: 'strategic-247',
        name: 'Strategic 24/7',
        tiers: ['strategic'],
        targets: { urgent: { first_response: 60, resolution: 480 } },
      })
      .expect(201);
    await onboard('big', 'strategic', '2027-09-01');
    await onboard('renewing', 'standard', '2027-02-15'); // no policy for standard: its tickets have no SLA
  });

  it('flags an update due after 48 business hours waiting on the team, in the ticket calendar, and clears it with the reply', async () => {
    // New York ticket ny-1 has waited since Fri 2026-10-30 16:30 EDT: 30 min that day, then five
    // 8-hour days (Nov 2–6, 2,400 min), then 450 min on Mon Nov 9 → due 16:30 EST (21:30Z).
    expect(await eventually('ticket-ny-1', ['TicketUpdateDue'], 1)).toEqual([
      expect.objectContaining({
        data: {
          ticketId: 'ny-1',
          accountId: 'nyc-account',
          waitingSince: '2026-10-30T20:30:00.000Z',
          dueAt: '2026-11-09T21:30:00.000Z',
          thresholdMinutes: 2880,
        },
      }),
    ]);
    // 24/7: 48 hours exactly.
    now = new Date('2026-12-01T10:00:00.000Z');
    const opened = await openTicket('wait-1', 'big');
    // Two real days give the queue read model time to hold the wait; a clock that jumps does not. The
    // trigger reads each tick only the waits its bound crossed since the last one (late rows once a minute).
    await api.http().get('/v1/queues').set(bearer(KEYS.reader)).set('X-Min-Position', opened.body.position).expect(200);
    now = new Date('2026-12-03T09:59:59.000Z');
    await severalTicks();
    expect(await events('ticket-wait-1', ['TicketUpdateDue'])).toEqual([]);
    now = new Date('2026-12-03T10:00:00.000Z');
    expect(await eventually('ticket-wait-1', ['TicketUpdateDue'], 1)).toEqual([
      expect.objectContaining({
        data: expect.objectContaining({ waitingSince: '2026-12-01T10:00:00.000Z', dueAt: '2026-12-03T10:00:00.000Z' }),
      }),
    ]);
    now = new Date('2026-12-03T11:00:00.000Z');
    await reply('wait-1', 'agent');
    await severalTicks();
    expect(
      (await events('ticket-wait-1', ['TicketUpdateDue', 'TicketUpdateDueCleared'])).map((event) => event.type),
    ).toEqual(['TicketUpdateDue', 'TicketUpdateDueCleared']);
  });

  it('alerts each breach on a strategic account once', async () => {
    // wait-1 (strategic, 24/7): first response due 11:00Z on Dec 1, resolution 18:00Z.
    const alerts = await eventually('ticket-wait-1', ['StrategicBreachAlerted'], 2);
    expect(alerts.map((event) => [event.data.instance, event.data.breachedAt])).toEqual([
      ['first_response:1', '2026-12-01T11:00:00.000Z'],
      ['resolution:1', '2026-12-01T18:00:00.000Z'],
    ]);
    await severalTicks();
    expect(await events('ticket-wait-1', ['StrategicBreachAlerted'])).toHaveLength(2);
    // Breaches on growth accounts raise no alert.
    expect(await events('ticket-ny-1', ['StrategicBreachAlerted'])).toEqual([]);
  });

  it('flags an account renewing within 90 days with an open urgent ticket, and clears it when the ticket is solved', async () => {
    now = new Date('2026-12-04T09:00:00.000Z');
    await openTicket('risk-1', 'renewing');
    const flagged = await eventually('account-renewing', ['AccountFlaggedAtRisk'], 1);
    expect(flagged[0].data).toEqual({
      accountId: 'renewing',
      reasons: [{ code: 'renewal_with_open_urgent_tickets', renewalDate: '2027-02-15', openTickets: 1 }],
      at: '2026-12-04T09:00:00.000Z',
    });
    await reply('risk-1', 'agent');
    await setStatus('risk-1', 'solved');
    expect(
      (await eventually('account-renewing', ['AccountFlaggedAtRisk', 'AccountRiskCleared'], 2)).map(
        (event) => event.type,
      ),
    ).toEqual(['AccountFlaggedAtRisk', 'AccountRiskCleared']);
    await severalTicks();
    expect(await events('account-renewing', ['AccountFlaggedAtRisk', 'AccountRiskCleared'])).toHaveLength(2);
  });

  it('flags a CSAT of 2 once and clears it when the customer re-rates 5', async () => {
    now = new Date('2026-12-05T09:00:00.000Z');
    await openTicket('csat-1', 'renewing', 'normal');
    await reply('csat-1', 'agent');
    await setStatus('csat-1', 'solved');
    await api.http().post('/v1/tickets/csat-1/csat').set(writer).send({ score: 2 }).expect(200);
    expect((await eventually('ticket-csat-1', ['LowCsatFlagged'], 1))[0].data).toEqual({
      ticketId: 'csat-1',
      accountId: 'renewing',
      score: 2,
      threshold: 2,
      ratedAt: '2026-12-05T09:00:00.000Z',
    });
    await api.http().post('/v1/tickets/csat-1/csat').set(writer).send({ score: 5 }).expect(200);
    expect(
      (await eventually('ticket-csat-1', ['LowCsatFlagged', 'LowCsatCleared'], 2)).map((event) => [
        event.type,
        event.data.score,
      ]),
    ).toEqual([
      ['LowCsatFlagged', 2],
      ['LowCsatCleared', 5],
    ]);
    await severalTicks();
    expect(await events('ticket-csat-1', ['LowCsatFlagged', 'LowCsatCleared'])).toHaveLength(2);
  });
});
