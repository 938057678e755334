import { bearer, KEYS, seedAccount, startApi, type ApiHarness } from '../support/api-app';
import { admin, createTestDatabase, type TestDatabase } from '../support/test-database';

/**
 * The key store apart from the log (PII_DATABASE_URL), made unreachable: whatever needs a data key
 * answers 503 and writes nothing; nothing is written or served in the clear instead.
 */
describe('personal data with the key store unreachable', () => {
  let api: ApiHarness;
  let keys: TestDatabase;
  const writer = bearer(KEYS.writer);
  const asAdmin = (sql: string) => admin((client) => client.query(sql));
  const database = () => new URL(keys.url).pathname.slice(1);

  beforeAll(async () => {
    keys = await createTestDatabase(2);
    api = await startApi({ PII_DATABASE_URL: keys.url, PII_KEY_CACHE_TTL_MS: '0' });
    await seedAccount(api, 'acme');
    await api
      .http()
      .post('/v1/tickets')
      .set(writer)
      .send({
        id: 't1',
        accountId: 'acme',
        contactId: 'ada',
        subject: 'SSO fails',
        channel: 'email',
        priority: 'low',
        category: 'x',
      })
      .expect(201);
    await keys.pool.end();
    await asAdmin(`ALTER DATABASE ${database()} ALLOW_CONNECTIONS false`);
    await asAdmin(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '${database()}'`);
  });

  afterAll(async () => {
    await api.close();
    await asAdmin(`ALTER DATABASE ${database()} ALLOW_CONNECTIONS true`);
    await asAdmin(`DROP DATABASE IF EXISTS ${database()} WITH (FORCE)`);
    await keys.eventStore.stop();
  });

  it('refuses writes that carry personal data with 503 key_store_unavailable, appending nothing', async () => {
    const before = await api.eventCount();
    const contact = { id: 'bob', name: 'Bob Ross', email: 'bob@acme.test', role: 'user' };
    const refused = await api.http().post('/v1/accounts/acme/contacts').set(writer).send(contact).expect(503);
    expect(refused.body.code).toBe('key_store_unavailable');
    await api
      .http()
      .post('/v1/tickets/t1/notes')
      .set(writer)
      .send({ authorId: 'agent-1', body: 'Called Ada' })
      .expect(503);
    expect(await api.eventCount()).toBe(before);
    expect(JSON.stringify((await api.storedLog()).map((event) => event.data))).not.toContain('Bob Ross');
  });

  it('refuses reads of sealed personal data with 503, and serves what needs no key', async () => {
    const ticket = await api.http().get('/v1/tickets/t1').set(bearer(KEYS.reader)).expect(503);
    expect(ticket.body.code).toBe('key_store_unavailable');
    expect(JSON.stringify(ticket.body)).not.toContain('SSO fails');
    await api.http().get('/v1/sla-policies/growth-247').set(bearer(KEYS.reader)).expect(200);
  });

  it('works again once the key store is back', async () => {
    await asAdmin(`ALTER DATABASE ${database()} ALLOW_CONNECTIONS true`);
    const contact = { id: 'bob', name: 'Bob Ross', email: 'bob@acme.test', role: 'user' };
    await api.http().post('/v1/accounts/acme/contacts').set(writer).send(contact).expect(201);
    const ticket = await api.http().get('/v1/tickets/t1').set(bearer(KEYS.reader)).expect(200);
    expect(ticket.body.subject).toBe('SSO fails');
  });
});
