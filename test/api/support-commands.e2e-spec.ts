import { CommandBus } from '@nestjs/cqrs';
import { Send, type CommandResult, type CommandToSend } from '@app/commanding';
import { agentJwt, bearer, KEYS, seedAccount, startApi, type ApiHarness } from '../support/api-app';

const writer = bearer(KEYS.writer);
let now = new Date('2026-06-01T14:00:00.000Z');
const clock = { now: () => now };
let api: ApiHarness;

beforeAll(async () => {
  api = await startApi({}, clock);
  await seedAccount(api);
});

afterAll(async () => {
  await api.close();
});

async function events(streamId: string) {
  const recorded = (await api.log()).filter((event) => event.streamId === streamId);
  return recorded.map(({ type, data, metadata }) => ({ type, data, metadata })) as Array<{
    type: string;
    data: Record<string, unknown>;
    metadata: Record<string, unknown>;
  }>;
}

describe('support commands over HTTP', () => {
  it('opens a ticket with the matched policy, answers it, pauses, resumes, solves and rates it', async () => {
    now = new Date('2026-06-01T14:00:00.000Z');
    const opened = await api
      .http()
      .post('/v1/tickets')
      .set(writer)
      .set('X-Correlation-Id', 'crm-sync-42')
      .send({
        id: 'sso-1',
        accountId: 'acme',
        contactId: 'ada',
        subject: 'SSO login fails',
        channel: 'email',
        priority: 'urgent',
        category: 'authentication',
      })
      .expect(201);
    expect(opened.body).toEqual({
      streamId: 'ticket-sso-1',
      revision: 3,
      position: expect.stringMatching(/^\d+$/),
      id: 'sso-1',
    });
    expect(opened.headers.etag).toBe('"3"');

    now = new Date('2026-06-01T14:20:00.000Z');
    await api
      .http()
      .post('/v1/tickets/sso-1/replies')
      .set(writer)
      .send({ author: { kind: 'agent', id: 'agent-7' }, public: true, body: 'Looking into it' })
      .expect(200);
    now = new Date('2026-06-01T14:30:00.000Z');
    await api.http().post('/v1/tickets/sso-1/status').set(writer).send({ status: 'pending' }).expect(200);
    now = new Date('2026-06-01T16:30:00.000Z');
    await api
      .http()
      .post('/v1/tickets/sso-1/replies')
      .set(writer)
      .send({ author: { kind: 'customer', id: 'ada' }, public: true, body: 'Still broken' })
      .expect(200);

    const ticket = await api.http().get('/v1/tickets/sso-1').set(bearer(KEYS.reader)).expect(200);
    expect(ticket.body).toMatchObject({
      id: 'sso-1',
      status: 'open',
      priority: 'urgent',
      accountId: 'acme',
      sla: { policyId: 'growth-247', calendarId: null },
    });
    // 30 of 480 resolution minutes used before the pause; resumed 16:30 → due 16:30 + 450 min = 00:00 next day.
    expect(ticket.body.sla.targets).toEqual([
      expect.objectContaining({ instance: 'first_response:1', status: 'ended', outcome: 'achieved', usedMinutes: 20 }),
      expect.objectContaining({
        instance: 'resolution:1',
        status: 'running',
        usedMinutes: 30,
        dueAt: '2026-06-02T00:00:00.000Z',
      }),
      expect.objectContaining({ instance: 'next_response:1', status: 'running', dueAt: '2026-06-01T17:00:00.000Z' }),
    ]);
    expect(ticket.headers.etag).toBe(`"${ticket.body.revision}"`);

    now = new Date('2026-06-01T16:40:00.000Z');
    await api.http().post('/v1/tickets/sso-1/status').set(writer).send({ status: 'solved' }).expect(200);
    await api.http().post('/v1/tickets/sso-1/csat').set(writer).send({ score: 4, comment: 'fixed' }).expect(200);

    const recorded = await events('ticket-sso-1');
    expect(recorded.map((event) => event.type)).toContain('CsatRated');
    expect(recorded[0].metadata).toEqual({
      schemaVersion: 1,
      occurredAt: '2026-06-01T14:00:00.000Z',
      actor: { kind: 'service', id: 'crm' },
      correlationId: 'crm-sync-42',
      causationId: expect.any(String),
      accountId: 'acme',
      source: 'support-ops/api',
    });
  });

  it('records an agent with a JWT as the actor, never whoever the body names', async () => {
    const token = await agentJwt('agent-jane', 'tickets:write read');
    await api
      .http()
      .post('/v1/tickets')
      .set(bearer(token))
      .send({
        id: 'jwt-1',
        accountId: 'acme',
        contactId: 'ada',
        subject: 'Invoice',
        channel: 'portal',
        priority: 'normal',
        category: 'billing',
      })
      .expect(201);
    await api
      .http()
      .post('/v1/tickets/jwt-1/notes')
      .set(bearer(token))
      .send({ authorId: 'someone-else', body: 'internal' })
      .expect(200);
    const [, note] = (await events('ticket-jwt-1')).filter(
      (event) => event.type === 'TicketOpened' || event.type === 'NoteAdded',
    );
    expect(note.metadata.actor).toEqual({ kind: 'agent', id: 'agent-jane' });
  });

  it('runs the account lifecycle: contract changes, tier, owner, NPS, contacts, churn', async () => {
    const post = (path: string, body: object) => api.http().post(`/v1/accounts/globex${path}`).set(writer).send(body);
    await api
      .http()
      .post('/v1/accounts')
      .set(writer)
      .send({
        id: 'globex',
        name: 'Globex',
        tier: 'standard',
        arr: { amountMinor: 5_000_000, currency: 'EUR' },
        contractStart: '2026-01-01',
        renewalDate: '2026-12-31',
        ownerId: 'am-2',
        timeZone: 'Europe/Berlin',
      })
      .expect(201);
    const contact = await post('/contacts', { name: 'Hank', email: 'hank@globex.test', role: 'executive' }).expect(201);
    expect(contact.body.id).toMatch(/^[0-9a-f-]{36}$/);
    await post('/renewals', {
      arr: { amountMinor: 6_000_000, currency: 'EUR' },
      renewalDate: '2027-12-31',
      effectiveDate: '2026-12-31',
    }).expect(200);
    await post('/expansions', { delta: { amountMinor: 1_000_000, currency: 'EUR' } }).expect(200);
    await post('/contractions', { delta: { amountMinor: 500_000, currency: 'EUR' } }).expect(200);
    await post('/tier', { tier: 'growth' }).expect(200);
    await post('/owner', { ownerId: 'am-3' }).expect(200);
    await post('/nps', { score: 9, contactId: contact.body.id }).expect(200);
    await api.http().delete(`/v1/accounts/globex/contacts/${contact.body.id}`).set(writer).expect(200);

    const account = await api.http().get('/v1/accounts/globex').set(writer).expect(200);
    expect(account.body).toMatchObject({
      id: 'globex',
      tier: 'growth',
      ownerId: 'am-3',
      arr: { amountMinor: 6_500_000, currency: 'EUR' },
      renewalDate: '2027-12-31',
      contacts: [],
      lastNps: 9,
      revision: 8,
    });

    await post('/churn', { reason: 'moved to a competitor', effectiveDate: '2027-01-31' }).expect(200);
    const refused = await post('/expansions', { delta: { amountMinor: 1, currency: 'EUR' } }).expect(409);
    expect(refused.body).toMatchObject({ code: 'account_churned', details: { effectiveDate: '2027-01-31' } });
  });

  it('applies an account override policy before tier matching, and reads policies and calendars back', async () => {
    await api
      .http()
      .post('/v1/sla-policies')
      .set(writer)
      .send({
        id: 'vip',
        name: 'VIP',
        tiers: ['strategic'],
        calendarId: 'nyc',
        targets: { normal: { first_response: 15 } },
      })
      .expect(201);
    await api
      .http()
      .post('/v1/accounts')
      .set(writer)
      .send({
        id: 'initech',
        name: 'Initech',
        tier: 'growth',
        arr: { amountMinor: 1, currency: 'USD' },
        contractStart: '2026-01-01',
        renewalDate: '2027-01-01',
        ownerId: 'am',
        timeZone: 'UTC',
        slaPolicyId: 'vip',
      })
      .expect(201);
    await api
      .http()
      .post('/v1/accounts/initech/contacts')
      .set(writer)
      .send({ id: 'pete', name: 'Peter', email: 'peter@initech.test', role: 'user' })
      .expect(201);
    await api
      .http()
      .post('/v1/tickets')
      .set(writer)
      .send({
        id: 'tps-1',
        accountId: 'initech',
        contactId: 'pete',
        subject: 'TPS report',
        channel: 'chat',
        priority: 'normal',
        category: 'reports',
      })
      .expect(201);
    const ticket = await api.http().get('/v1/tickets/tps-1').set(writer).expect(200);
    expect(ticket.body.sla).toMatchObject({ policyId: 'vip', calendarId: 'nyc' });

    const policy = await api.http().get('/v1/sla-policies/vip').set(writer).expect(200);
    expect(policy.body).toMatchObject({
      id: 'vip',
      tiers: ['strategic'],
      pauseStatuses: ['pending', 'on_hold'],
      atRiskMinutes: 15,
      revision: 0,
    });
    await api
      .http()
      .put('/v1/calendars/nyc')
      .set(writer)
      .set('If-Match', '"0"')
      .send({
        name: 'New York',
        timeZone: 'America/New_York',
        weeklyHours: { mon: [{ start: '08:00', end: '18:00' }] },
        holidays: ['2026-12-25'],
      })
      .expect(200);
    const calendar = await api.http().get('/v1/calendars/nyc').set(writer).expect(200);
    expect(calendar.body).toMatchObject({
      id: 'nyc',
      holidays: ['2026-12-25'],
      weeklyHours: { mon: [{ start: '08:00', end: '18:00' }] },
      revision: 1,
    });
    expect(calendar.headers.etag).toBe('"1"');
  });

  it('merges a ticket into another of the same account', async () => {
    const open = (id: string) =>
      api
        .http()
        .post('/v1/tickets')
        .set(writer)
        .send({
          id,
          accountId: 'acme',
          contactId: 'ada',
          subject: id,
          channel: 'email',
          priority: 'normal',
          category: 'x',
        })
        .expect(201);
    await open('dup-1');
    await open('dup-2');
    await api.http().post('/v1/tickets/dup-2/merge').set(writer).send({ intoTicketId: 'dup-1' }).expect(200);
    const merged = await api.http().get('/v1/tickets/dup-2').set(writer).expect(200);
    expect(merged.body).toMatchObject({ status: 'closed', mergedInto: 'dup-1' });
    await api.http().post('/v1/tickets/dup-2/assignment').set(writer).send({ group: 'tier-1' }).expect(409);
  });

  it('records at-risk and breach from the SLA clock once, at the instants they happened, through the command bus', async () => {
    now = new Date('2026-06-01T15:00:00.000Z');
    await api
      .http()
      .post('/v1/tickets')
      .set(writer)
      .send({
        id: 'clock-1',
        accountId: 'acme',
        contactId: 'ada',
        subject: 'Down',
        channel: 'phone',
        priority: 'urgent',
        category: 'outage',
      })
      .expect(201);
    const bus = api.app.get(CommandBus);
    const clockMeta = {
      actor: { kind: 'system' as const, id: 'sla-clock' },
      correlationId: 'clock',
      causationId: 'clock',
      source: 'support-ops/sla-clock',
    };
    const send = (command: CommandToSend) => bus.execute<Send, CommandResult>(new Send(command, clockMeta));
    const breach = (instance: string): CommandToSend => ({
      kind: 'RecordSlaBreach',
      ticketId: 'clock-1',
      instance,
      dueAt: '2026-06-01T16:00:00.000Z',
    });
    now = new Date('2026-06-01T16:30:00.000Z');
    await send({
      kind: 'RecordSlaAtRisk',
      ticketId: 'clock-1',
      instance: 'first_response:1',
      atRiskAt: '2026-06-01T15:45:00.000Z',
    });
    await send(breach('first_response:1'));
    const again = await send(breach('first_response:1'));
    expect(again.appended).toBe(0);
    await expect(send(breach('resolution:1'))).rejects.toMatchObject({ code: 'sla_request_stale' });
    const recorded = (await events('ticket-clock-1')).filter(
      (event) => event.type === 'SlaTargetAtRisk' || event.type === 'SlaTargetBreached',
    );
    expect(
      recorded.map((event) => [event.type, event.data.atRiskAt ?? event.data.breachedAt, event.metadata.occurredAt]),
    ).toEqual([
      ['SlaTargetAtRisk', '2026-06-01T15:45:00.000Z', '2026-06-01T16:30:00.000Z'],
      ['SlaTargetBreached', '2026-06-01T16:00:00.000Z', '2026-06-01T16:30:00.000Z'],
    ]);
  });
});
