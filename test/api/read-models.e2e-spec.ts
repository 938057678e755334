import { bearer, KEYS, onboardAccount, seedAccount, startApi, type ApiHarness } from '../support/api-app';

const writer = bearer(KEYS.writer);
const reader = bearer(KEYS.reader);
let now = new Date('2026-06-01T14:00:00.000Z');
let api: ApiHarness;
let last = '0';

async function command(path: string, body: object, expected = 200) {
  const response = await api.http().post(path).set(writer).send(body).expect(expected);
  last = response.body.position;
  return response;
}

beforeAll(async () => {
  api = await startApi({ PROJECTION_LEADER_POLL_MS: '100' }, { now: () => now });
  await seedAccount(api);
  const open = (id: string, priority: string) =>
    command(
      '/v1/tickets',
      {
        id,
        accountId: 'acme',
        contactId: 'ada',
        subject: `${priority} issue`,
        channel: 'email',
        priority,
        category: 'c',
      },
      201,
    );
  // Growth 24/7 policy: urgent first response 60 min, normal resolution 2880 min.
  await open('q-urgent', 'urgent');
  now = new Date('2026-06-01T14:10:00.000Z');
  await open('q-normal', 'normal');
  await open('q-low', 'low');
  for (const id of ['q-urgent', 'q-normal', 'q-low'])
    await command(`/v1/tickets/${id}/assignment`, { group: 'tier-1', agentId: id === 'q-low' ? 'agent-2' : 'agent-1' });
});

afterAll(async () => {
  await api.close();
});

describe('queues', () => {
  it('lists open tickets by next SLA due, then priority, with tier, ARR, age and state, once the command is applied', async () => {
    now = new Date('2026-06-01T14:50:00.000Z');
    const queue = await api.http().get('/v1/queues/tier-1').set(reader).set('X-Min-Position', last).expect(200);
    expect(queue.body.items.map((item: { ticketId: string }) => item.ticketId)).toEqual([
      'q-urgent',
      'q-normal',
      'q-low',
    ]);
    expect(queue.body.items[0]).toEqual({
      ticketId: 'q-urgent',
      accountId: 'acme',
      subject: 'urgent issue',
      status: 'new',
      priority: 'urgent',
      assignee: 'agent-1',
      tier: 'growth',
      arr: { amountMinor: 12_000_000, currency: 'USD' },
      openedAt: '2026-06-01T14:00:00.000Z',
      ageSeconds: 3000,
      nextDueAt: '2026-06-01T15:00:00.000Z',
      slaState: 'at_risk',
    });
    // The low ticket has no target at its priority: no due time, on track, last.
    expect(queue.body.items[2]).toMatchObject({ nextDueAt: null, slaState: 'on_track' });
  });

  it('filters by assignee, priority, tier and state, and pages with a cursor', async () => {
    const byAgent = await api.http().get('/v1/queues/tier-1?assignee=agent-2').set(reader).expect(200);
    expect(byAgent.body.items.map((item: { ticketId: string }) => item.ticketId)).toEqual(['q-low']);
    const first = await api.http().get('/v1/queues/tier-1?limit=2').set(reader).expect(200);
    const second = await api
      .http()
      .get(`/v1/queues/tier-1?limit=2&cursor=${first.body.nextCursor}`)
      .set(reader)
      .expect(200);
    expect([...first.body.items, ...second.body.items].map((item: { ticketId: string }) => item.ticketId)).toEqual([
      'q-urgent',
      'q-normal',
      'q-low',
    ]);
    expect(second.body.nextCursor).toBeNull();
    const atRisk = await api
      .http()
      .get('/v1/queues/tier-1?state=at_risk&priority=urgent&tier=growth')
      .set(reader)
      .expect(200);
    expect(atRisk.body.items.map((item: { ticketId: string }) => item.ticketId)).toEqual(['q-urgent']);
    const bad = await api.http().get('/v1/queues/tier-1?state=late&cursor=nope').set(reader).expect(400);
    expect(bad.body.details.errors.map((error: { field: string }) => error.field)).toEqual(['state']);
  });

  it('counts per state as time passes and statuses pause the clock; solved tickets leave the queue', async () => {
    now = new Date('2026-06-01T15:30:00.000Z');
    await command('/v1/tickets/q-normal/status', { status: 'pending' });
    const counts = await api.http().get('/v1/queues/tier-1/counts').set(reader).set('X-Min-Position', last).expect(200);
    expect(counts.body).toEqual({ group: 'tier-1', total: 3, on_track: 1, at_risk: 0, breached: 1, paused: 1 });
    await command('/v1/tickets/q-low/status', { status: 'solved' });
    const after = await api.http().get('/v1/queues/tier-1/counts').set(reader).set('X-Min-Position', last).expect(200);
    expect(after.body.total).toBe(2);
  });

  it('lists every group with open tickets and its counts, tickets without a group as unassigned', async () => {
    await onboardAccount(api, 'globex');
    const ticket = { accountId: 'globex', contactId: 'ada', subject: 'new', channel: 'email', category: 'c' };
    await command('/v1/tickets', { ...ticket, id: 'q-new', priority: 'low' }, 201);
    const queues = await api.http().get('/v1/queues').set(reader).set('X-Min-Position', last).expect(200);
    expect(queues.body).toEqual({
      queues: [
        { group: 'tier-1', total: 2, on_track: 0, at_risk: 0, breached: 1, paused: 1 },
        { group: 'unassigned', total: 1, on_track: 1, at_risk: 0, breached: 0, paused: 0 },
      ],
    });
  });
});

describe('SLA clock status', () => {
  // The harness runs no SLA clock (ROLES=api,projector): what has come stays unrecorded.
  it('reports the at-risk and due instants that have come and are not recorded, the earliest and its age', async () => {
    const instants: string[] = [];
    for (const id of ['q-urgent', 'q-normal']) {
      const { body: ticket } = await api.http().get(`/v1/tickets/${id}`).set(reader).expect(200);
      for (const target of ticket.sla.targets.filter((each: { status: string }) => each.status === 'running')) {
        if (!target.atRiskRecorded && target.atRiskAt <= now.toISOString()) instants.push(target.atRiskAt);
        if (target.dueAt <= now.toISOString()) instants.push(target.dueAt);
      }
    }
    // q-urgent's first response: at risk before 15:00, due at 15:00; q-normal waits (pending).
    expect(instants.sort()[1]).toBe('2026-06-01T15:00:00.000Z');
    const status = await api.http().get('/v1/admin/sla-clock').set(bearer(KEYS.admin)).expect(200);
    expect(status.body).toEqual({
      due: instants.length,
      dueAtLeast: false,
      oldestAt: instants[0],
      lagSeconds: (now.getTime() - Date.parse(instants[0])) / 1000,
    });
    await api.http().get('/v1/admin/sla-clock').set(reader).expect(403);
  });
});

describe('ticket history', () => {
  it('gives the ticket’s own events from the log in order, up to asOf', async () => {
    const { body } = await api.http().get('/v1/tickets/q-normal/history').set(reader).expect(200);
    expect(body.ticketId).toBe('q-normal');
    expect(body.events.map((event: { type: string }) => event.type)).toEqual([
      'TicketOpened',
      'SlaApplied',
      'SlaTargetStarted',
      'TicketAssigned',
      'TicketStatusChanged',
      'SlaTargetPaused',
    ]);
    expect(body.events.every((event: { streamId: string }) => event.streamId === 'ticket-q-normal')).toBe(true);
    const [first] = body.events;
    const asOf = await api.http().get(`/v1/tickets/q-normal/history?asOf=${first.position}`).set(reader).expect(200);
    expect(asOf.body.events).toEqual([first]);
    await api.http().get('/v1/tickets/nobody/history').set(reader).expect(404);
    await api.http().get('/v1/tickets/q-normal/history?asOf=yesterday').set(reader).expect(400);
  });
});

describe('account timeline', () => {
  it('lists the account’s and its tickets’ events in log order with actor and summary; filters, pages and time travels', async () => {
    const all = await api
      .http()
      .get('/v1/accounts/acme/timeline?limit=1000')
      .set(reader)
      .set('X-Min-Position', last)
      .expect(200);
    const entries = all.body.entries as Array<{
      position: string;
      type: string;
      summary: string;
      actor: unknown;
      streamId: string;
    }>;
    expect(entries[0]).toMatchObject({
      type: 'AccountOnboarded',
      streamId: 'account-acme',
      actor: { kind: 'service', id: 'crm' },
    });
    expect(entries[0].summary).toBe('Account Acme Corp onboarded as growth, ARR 120,000.00 USD, renewal 2027-01-01');
    expect(entries.map((entry) => BigInt(entry.position))).toEqual(
      [...entries.map((entry) => BigInt(entry.position))].sort((a, b) => (a < b ? -1 : 1)),
    );
    expect(entries.some((entry) => entry.streamId === 'ticket-q-urgent')).toBe(true);

    const opened = await api.http().get('/v1/accounts/acme/timeline?types=TicketOpened').set(reader).expect(200);
    expect(opened.body.entries.map((entry: { data: { ticketId: string } }) => entry.data.ticketId)).toEqual([
      'q-urgent',
      'q-normal',
      'q-low',
    ]);

    const asOf = await api.http().get(`/v1/accounts/acme/timeline?asOf=${entries[1].position}`).set(reader).expect(200);
    expect(asOf.body.entries).toHaveLength(2);

    const page1 = await api.http().get('/v1/accounts/acme/timeline?limit=3').set(reader).expect(200);
    const page2 = await api
      .http()
      .get(`/v1/accounts/acme/timeline?limit=3&cursor=${page1.body.nextCursor}`)
      .set(reader)
      .expect(200);
    expect([...page1.body.entries, ...page2.body.entries].map((entry: { position: string }) => entry.position)).toEqual(
      entries.slice(0, 6).map((entry) => entry.position),
    );
  });
});

describe('projection administration', () => {
  it('shows each projection running and caught up; a rebuild swaps in an identical read model without taking queries offline', async () => {
    const before = await api.http().get('/v1/queues/tier-1').set(reader).set('X-Min-Position', last).expect(200);
    const status = await api.http().get('/v1/admin/projections').set(bearer(KEYS.admin)).expect(200);
    expect(
      status.body.projections.map((p: { name: string; state: string; lag: { events: number } }) => [
        p.name,
        p.state,
        p.lag.events,
      ]),
    ).toEqual([
      ['clock', 'running', 0],
      ['queue', 'running', 0],
      ['retention', 'running', 0],
      ['sla', 'running', 0],
      ['timeline', 'running', 0],
    ]);
    await api.http().get('/v1/admin/projections').set(reader).expect(403);

    const requested = await api.http().post('/v1/admin/projections/queue/rebuild').set(bearer(KEYS.admin)).expect(202);
    expect(requested.body.state).toBe('rebuilding');
    for (let i = 0; i < 400; i += 1) {
      await api.http().get('/v1/queues/tier-1').set(reader).expect(200);
      const { projections } = (await api.http().get('/v1/admin/projections').set(bearer(KEYS.admin)).expect(200)).body;
      if (projections.find((p: { name: string }) => p.name === 'queue').state === 'running') break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const { rows } = await api.db.pool.query(`SELECT active_schema FROM projections.status WHERE name = 'queue'`);
    expect(rows[0].active_schema).toBe('rm_queue_2');
    const after = await api.http().get('/v1/queues/tier-1').set(reader).expect(200);
    expect(after.body).toEqual(before.body);
    await api.http().post('/v1/admin/projections/nope/rebuild').set(bearer(KEYS.admin)).expect(404);
  });
});
