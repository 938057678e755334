import { ERASED } from '../../libs/domain/src';
import { ChainVerifier, EVENT_STORE, type EventStore } from '../../libs/event-store/src';
import { ProtectedEventStore } from '../../libs/privacy/src';
import { agentJwt, bearer, KEYS, seedAccount, startApi, type ApiHarness } from '../support/api-app';
import { command, openTicket } from '../support/audit-fixture';

/**
 * Erasure (docs/architecture.md, "Personal data"): an erased contact's personal data is gone from every read path
 * and read model, after a rebuild too, while the account's history and figures are unchanged; the
 * log keeps every event and every hash stays valid.
 */
describe('Personal data: erasure', () => {
  let api: ApiHarness;
  let privacy: Record<string, string>;
  const reader = bearer(KEYS.reader);
  const admin = bearer(KEYS.admin);
  const ADA = ['Ada Lovelace', 'ada@acme.test', 'My SSO login fails', 'Since Monday nobody at Acme', 'Ada here again'];
  const BOB = ['Bob Ross', 'bob@acme.test', 'Invoices are wrong', 'Bob writes'];
  let position = '0';

  /** An answer without what changes with the clock alone. */
  const stable = (body: unknown): unknown =>
    JSON.parse(JSON.stringify(body, (key, value) => (key === 'asOf' || key === 'ageSeconds' ? undefined : value)));
  const get = (path: string) => api.http().get(path).set(reader).set('X-Min-Position', position).expect(200);
  /** Every row of every read model, as text. */
  const readModelRows = async () => {
    const { rows: tables } = await api.db.pool.query<{ schema: string; name: string }>(
      `SELECT table_schema AS schema, table_name AS name FROM information_schema.tables WHERE table_schema LIKE 'rm\\_%'`,
    );
    const dumps = await Promise.all(
      tables.map(async ({ schema, name }) =>
        JSON.stringify((await api.db.pool.query(`SELECT * FROM "${schema}"."${name}"`)).rows),
      ),
    );
    return dumps.join('\n');
  };
  /** Every answer an operator or a dashboard reads about acme. */
  const readPaths = async () => {
    const paths = [
      '/v1/accounts/acme',
      '/v1/accounts/acme/history',
      '/v1/accounts/acme/timeline',
      '/v1/tickets/ada-1',
      '/v1/tickets/bob-1',
      '/v1/queues/unassigned',
      '/v1/queues/tier-1',
    ];
    return Object.fromEntries(await Promise.all(paths.map(async (path) => [path, stable((await get(path)).body)])));
  };
  const figures = async () =>
    Object.fromEntries(
      await Promise.all(
        ['/v1/metrics/sla?period=2026', '/v1/metrics/retention?period=2026', '/v1/accounts/acme/health'].map(
          async (path) => [path, stable((await get(path)).body)],
        ),
      ),
    );

  beforeAll(async () => {
    api = await startApi();
    privacy = bearer(await agentJwt('dpo', 'privacy:erase read'));
    await seedAccount(api, 'acme');
    await command(api, '/v1/accounts/acme/contacts', { id: 'bob', name: BOB[0], email: BOB[1], role: 'user' }, 201);
    await command(
      api,
      '/v1/tickets',
      {
        id: 'ada-1',
        accountId: 'acme',
        contactId: 'ada',
        subject: ADA[2],
        description: ADA[3],
        channel: 'email',
        priority: 'urgent',
        category: 'sso',
      },
      201,
    );
    await command(api, '/v1/tickets/ada-1/replies', {
      author: { kind: 'agent', id: 'agent-1' },
      public: true,
      body: 'Looking into it',
    });
    await command(api, '/v1/tickets/ada-1/replies', {
      author: { kind: 'customer', id: 'ada' },
      public: true,
      body: ADA[4],
    });
    await command(api, '/v1/tickets/ada-1/assignment', { group: 'tier-1', agentId: 'agent-1' });
    await command(api, '/v1/tickets/ada-1/status', { status: 'solved' });
    await command(api, '/v1/tickets/ada-1/csat', { score: 2, comment: 'Ada: too slow' });
    await command(api, '/v1/accounts/acme/nps', { score: 6, contactId: 'ada', comment: 'Ada thinks it is ok' });
    await command(
      api,
      '/v1/tickets',
      {
        id: 'bob-1',
        accountId: 'acme',
        contactId: 'bob',
        subject: BOB[2],
        description: BOB[3],
        channel: 'email',
        priority: 'normal',
        category: 'billing',
      },
      201,
    );
    position = await openTicket(api, 'ada-2', 'acme', 'ada');
  });

  afterAll(async () => {
    await api.close();
  });

  it('keeps personal data out of the stored log while every read path shows it', async () => {
    const raw = JSON.stringify((await api.storedLog()).map((event) => event.data));
    for (const secret of [...ADA, ...BOB]) expect(raw).not.toContain(secret);
    const shown = JSON.stringify(await readPaths());
    for (const secret of [ADA[0], ADA[2], ADA[4], BOB[0], BOB[2]]) expect(shown).toContain(secret);
  });

  it('needs the privacy:erase scope, names a bad field, and refuses a contact the account never had', async () => {
    const count = await api.eventCount();
    await api
      .http()
      .post('/v1/accounts/acme/contacts/ada/erasure')
      .set(bearer(KEYS.writer))
      .send({ reason: 'x' })
      .expect(403);
    const bad = await api
      .http()
      .post('/v1/accounts/acme/contacts/ada/erasure')
      .set(privacy)
      .send({ reason: 7 })
      .expect(400);
    expect(bad.body.details.errors.map((error: { field: string }) => error.field)).toEqual(['reason']);
    await api
      .http()
      .post('/v1/accounts/acme/contacts/nobody/erasure')
      .set(privacy)
      .send({ reason: 'DSR-1' })
      .expect(404);
    await api
      .http()
      .post('/v1/accounts/nowhere/contacts/ada/erasure')
      .set(privacy)
      .send({ reason: 'DSR-1' })
      .expect(404);
    const active = await api
      .http()
      .post('/v1/accounts/acme/erasure')
      .set(privacy)
      .send({ reason: 'DSR-1' })
      .expect(409);
    expect(active.body.code).toBe('account_not_churned');
    expect(await api.eventCount()).toBe(count);
  });

  it('erases a contact from every read path and read model, once, leaving history and figures unchanged', async () => {
    const before = { paths: await readPaths(), figures: await figures(), events: await api.eventCount() };
    const erased = await api
      .http()
      .post('/v1/accounts/acme/contacts/ada/erasure')
      .set(privacy)
      .send({ reason: 'DSR-2026-0042' })
      .expect(200);
    position = erased.body.position;
    const again = await api
      .http()
      .post('/v1/accounts/acme/contacts/ada/erasure')
      .set(privacy)
      .send({ reason: 'DSR-2026-0042' })
      .expect(200);
    expect(again.body).toMatchObject({ revision: erased.body.revision, position });

    const after = await readPaths();
    const shown = JSON.stringify(after);
    for (const secret of ADA) expect(shown).not.toContain(secret);
    const stored = await readModelRows();
    for (const secret of ADA) expect(stored).not.toContain(secret);
    for (const secret of [BOB[0], BOB[1], BOB[2], BOB[3]]) expect(shown).toContain(secret);
    expect(after['/v1/tickets/ada-1']).toMatchObject({ subject: ERASED, contactId: 'ada' });
    expect(after['/v1/accounts/acme']).toMatchObject({ erasedContactIds: ['ada'] });
    expect(
      after['/v1/accounts/acme'].contacts.map(
        (contact: { id?: string; contactId?: string }) => contact.contactId ?? contact.id,
      ),
    ).toEqual(['bob']);
    const erasure = after['/v1/accounts/acme/history'].events.at(-1);
    expect(erasure).toMatchObject({
      type: 'ContactErased',
      data: { accountId: 'acme', contactId: 'ada', reason: 'DSR-2026-0042', erasedBy: 'agent:dpo' },
    });
    // The history keeps every event: only the erased fields read otherwise.
    expect(after['/v1/accounts/acme/history'].events).toHaveLength(
      before.paths['/v1/accounts/acme/history'].events.length + 1,
    );
    expect(await figures()).toEqual(before.figures);
    expect(await api.eventCount()).toBe(before.events + 1);
  });

  it('keeps every hash of the log valid', async () => {
    const store = api.app.get<EventStore>(EVENT_STORE) as ProtectedEventStore;
    const verifier = new ChainVerifier();
    expect(verifier.check(await store.stored.readAll({ asStored: true, limit: 10_000 }))).toBeUndefined();
    expect(verifier.sealed).toBe(await api.eventCount());
  });

  it('gives the same read models after a rebuild', async () => {
    const before = { paths: await readPaths(), figures: await figures() };
    for (const name of ['queue', 'timeline', 'sla', 'retention'])
      await api.http().post(`/v1/admin/projections/${name}/rebuild`).set(admin).expect(202);
    for (let rebuilt = false; !rebuilt;) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      const { body } = await api.http().get('/v1/admin/projections').set(admin).expect(200);
      rebuilt = body.projections.every((p: { state: string; rebuild: unknown }) => p.state === 'running' && !p.rebuild);
    }
    expect({ paths: await readPaths(), figures: await figures() }).toEqual(before);
    const stored = await readModelRows();
    for (const secret of ADA) expect(stored).not.toContain(secret);
  });

  it('erases a churned account with every contact, keeping its name and figures', async () => {
    position = await command(api, '/v1/accounts/acme/churn', {
      reason: 'Bob says budget cuts',
      effectiveDate: '2026-11-30',
    });
    const before = await figures();
    const erased = await api
      .http()
      .post('/v1/accounts/acme/erasure')
      .set(privacy)
      .send({ reason: 'DSR-2026-0050' })
      .expect(200);
    position = erased.body.position;
    const shown = JSON.stringify(await readPaths());
    for (const secret of [...ADA, ...BOB, 'Bob says budget cuts', 'Looking into it'])
      expect(shown).not.toContain(secret);
    expect(shown).toContain('Acme Corp');
    expect(await figures()).toEqual(before);
    await api.http().post('/v1/accounts/acme/erasure').set(privacy).send({ reason: 'DSR-2026-0050' }).expect(200);
  });
});
