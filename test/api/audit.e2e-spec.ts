import { EVENT_STORE, type EventStore } from '../../libs/event-store/src';
import { scanAccountHistory } from '../../libs/projections/src';
import { bearer, KEYS, startApi, type ApiHarness } from '../support/api-app';
import { command, historyMatchesScan, openTicket, twoAccounts } from '../support/audit-fixture';

const reader = bearer(KEYS.reader);

describe('audit', () => {
  let api: ApiHarness;
  const positions: Record<string, string> = {};

  beforeAll(async () => {
    api = await startApi({ PROJECTION_LEADER_POLL_MS: '100' });
    await twoAccounts(api);
    positions.opened = await openTicket(api, 'audited', 'acme', 'ada');
    positions.assigned = await command(api, '/v1/tickets/audited/assignment', { group: 'tier-2', agentId: 'agent-7' });
    positions.pending = await command(api, '/v1/tickets/audited/status', { status: 'pending' });
    positions.tier = await command(api, '/v1/accounts/acme/tier', { tier: 'strategic' });
  });

  afterAll(async () => {
    await api.close();
  });

  it('GET a ticket as of a log position: its status, assignee and SLA targets then, with that revision as ETag', async () => {
    const then = await api.http().get(`/v1/tickets/audited?asOf=${positions.opened}`).set(reader).expect(200);
    expect(then.headers.etag).toBe(`"${then.body.revision}"`);
    expect(then.body).toMatchObject({ status: 'new', assignee: null, position: positions.opened });
    expect(then.body.sla.targets.map((target: { status: string }) => target.status)).toEqual(['running', 'running']);

    const later = await api.http().get(`/v1/tickets/audited?asOf=${positions.pending}`).set(reader).expect(200);
    expect(later.body).toMatchObject({ status: 'pending', assignee: { agentId: 'agent-7', group: 'tier-2' } });
    expect(later.body.sla.targets.map((target: { status: string }) => target.status)).toEqual(['paused', 'paused']);
    expect(later.body.revision).toBeGreaterThan(then.body.revision);

    const now = await api.http().get('/v1/tickets/audited').set(reader).expect(200);
    expect(now.body).toEqual(later.body);
  });

  it('GET an account as of an instant: the tier it had then', async () => {
    const [beforeTier] = (await api.app.get<EventStore>(EVENT_STORE).readStream('account-acme')).filter(
      (event) => event.type === 'ContactAdded',
    );
    const then = await api
      .http()
      .get(`/v1/accounts/acme?asOf=${beforeTier.recordedAt.toISOString()}`)
      .set(reader)
      .expect(200);
    expect(then.body).toMatchObject({ tier: 'growth', revision: Number(beforeTier.revision) });
    const now = await api.http().get('/v1/accounts/acme').set(reader).expect(200);
    expect(now.body).toMatchObject({ tier: 'strategic', position: positions.tier });
  });

  it('before the stream existed: 404 with its own code; a malformed asOf: 400 naming asOf', async () => {
    const early = await api.http().get('/v1/tickets/audited?asOf=1').set(reader).expect(404);
    expect(early.body.code).toBe('ticket_not_yet_created');
    const [first] = await api.app.get<EventStore>(EVENT_STORE).readStream('ticket-audited');
    expect(early.body.details.firstPosition).toBe(first.position.toString());
    const bad = await api.http().get('/v1/accounts/acme?asOf=yesterday').set(reader).expect(400);
    expect(bad.body.details.errors).toEqual([{ field: 'asOf', message: expect.any(String) }]);
  });

  it('GET an account history: the log events of the account only, paged, filtered by type and as of a position', async () => {
    const store = api.app.get<EventStore>(EVENT_STORE);
    const expected = await scanAccountHistory(store, 'acme');
    const seen: string[] = [];
    for (let cursor: string | null = null; ;) {
      const query: string = `/v1/accounts/acme/history?limit=7${cursor ? `&cursor=${cursor}` : ''}`;
      const page = await api.http().get(query).set(reader).expect(200);
      seen.push(...page.body.events.map((event: { position: string }) => event.position));
      cursor = page.body.nextCursor;
      if (!cursor) break;
    }
    expect(seen).toEqual(expected.map((event) => event.position.toString()));

    const opened = await api.http().get('/v1/accounts/acme/history?types=TicketOpened').set(reader).expect(200);
    expect(opened.body.events.map((event: { streamId: string }) => event.streamId)).toEqual([
      'ticket-acme-0',
      'ticket-acme-1',
      'ticket-acme-2',
      'ticket-acme-3',
      'ticket-audited',
    ]);
    const asOf = await api.http().get(`/v1/accounts/acme/history?asOf=${positions.assigned}`).set(reader).expect(200);
    expect(asOf.body.events.at(-1)).toMatchObject({ position: positions.assigned, type: 'TicketAssigned' });
    expect(asOf.body.events.at(-1).metadata).toMatchObject({
      accountId: 'acme',
      actor: { kind: 'service', id: 'crm' },
    });
  });

  it('GET an account history with X-Min-Position: a write just answered is in it; a header that is no position is a 400', async () => {
    const position = await command(api, '/v1/tickets/audited/notes', { authorId: 'agent-7', body: 'Read me back' });
    const history = await api
      .http()
      .get('/v1/accounts/acme/history?types=NoteAdded&limit=1000')
      .set(reader)
      .set('X-Min-Position', position)
      .expect(200);
    expect(history.body.events.at(-1)).toMatchObject({ position, streamId: 'ticket-audited', type: 'NoteAdded' });
    const bad = await api.http().get('/v1/accounts/acme/history').set(reader).set('X-Min-Position', 'soon').expect(400);
    expect(bad.body.details.errors).toEqual([{ field: 'X-Min-Position', message: expect.any(String) }]);
  });

  it('an account history read from its streams and the log after the timeline is the whole log scan, exactly, while commands keep coming', async () => {
    await historyMatchesScan(api);
  });
});
