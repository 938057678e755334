import { randomUUID } from 'node:crypto';
import { Pool } from 'pg';
import { ERASED } from '@app/domain';
import {
  ChainVerifier,
  PostgresEventStore,
  type EventStore,
  type PostgresEventStoreOptions,
  type EventToAppend,
  type RecordedEvent,
} from '@app/event-store';
import { eventStoreConformance } from '../../event-store/src/event-store.conformance';
import { createTestDatabase, type TestDatabase } from '../../../test/support/test-database';
import { KeyStoreUnavailableError } from './key-store.port';
import { PersonalDataCipher } from './personal-data-cipher';
import { PostgresKeyStore } from './postgres-key-store';
import { ProtectedEventStore } from './protected-event-store';

const MASTER = Buffer.alloc(32, 3);
let db: TestDatabase;

beforeAll(async () => {
  db = await createTestDatabase(8);
  await PostgresEventStore.migrate(db.pool);
  await PostgresKeyStore.migrate(db.pool);
});

afterAll(async () => {
  await db.drop();
});

async function emptyStore(
  options: PostgresEventStoreOptions = {},
): Promise<{ store: ProtectedEventStore; stored: EventStore }> {
  await db.pool.query('TRUNCATE event_store.events, privacy.data_keys, privacy.erasures');
  const stored = new PostgresEventStore(db.pool, { listenConnectionString: db.url, ...options });
  const cipher = new PersonalDataCipher(new PostgresKeyStore(db.pool, MASTER), 60_000);
  return { store: new ProtectedEventStore(stored, cipher), stored };
}

eventStoreConformance('Protected PostgreSQL', async (options) => {
  const { store } = await emptyStore(options);
  return { store, teardown: () => store.close() };
});

const contactAdded = (contactId: string, name: string): EventToAppend => ({
  eventId: randomUUID(),
  type: 'ContactAdded',
  data: { accountId: 'acme', contactId, name, email: `${contactId}@acme.test`, role: 'technical' },
});
const customerReply = (contactId: string, body: string): EventToAppend => ({
  eventId: randomUUID(),
  type: 'ReplyAdded',
  data: {
    ticketId: 't1',
    accountId: 'acme',
    replyId: randomUUID(),
    author: { kind: 'customer', id: contactId },
    public: true,
    body,
    at: '2026-10-01T09:00:00.000Z',
  },
});
const dataOf = (events: RecordedEvent[]) => events.map((event) => event.data);

describe('protected event store', () => {
  it('keeps personal data out of the stored log, and gives it back on every read path', async () => {
    const { store, stored } = await emptyStore();
    await store.append(
      'account-acme',
      [contactAdded('ada', 'Ada Lovelace'), contactAdded('bob', 'Bob Ross')],
      'no_stream',
    );
    await store.append('ticket-t1', [customerReply('ada', 'My SSO is broken')], 'no_stream');
    const raw = JSON.stringify((await db.pool.query('SELECT data, metadata FROM event_store.events')).rows);
    for (const secret of ['Ada Lovelace', 'ada@acme.test', 'Bob Ross', 'My SSO is broken'])
      expect(raw).not.toContain(secret);
    expect(raw).toContain('"$pii"');

    const expected = [
      expect.objectContaining({ name: 'Ada Lovelace', email: 'ada@acme.test' }),
      expect.objectContaining({ name: 'Bob Ross' }),
      expect.objectContaining({ body: 'My SSO is broken' }),
    ];
    expect(dataOf(await store.readAll())).toEqual(expected);
    expect(dataOf(await store.readStream('account-acme'))).toEqual(expected.slice(0, 2));
    const delivered: RecordedEvent[] = [];
    const subscription = store.subscribeToAll({}, async (events) => void delivered.push(...events));
    while (delivered.length < 3) await new Promise((resolve) => setTimeout(resolve, 20));
    await subscription.stop();
    expect(dataOf(delivered)).toEqual(expected);
    expect(new ChainVerifier().check(await stored.readAll({ asStored: true }))).toBeUndefined();
  });

  it('opens only the types a reader asks the personal data of; the others arrive as stored, sealed', async () => {
    const { store } = await emptyStore();
    await store.append('account-acme', [contactAdded('ada', 'Ada Lovelace')], 'no_stream');
    await store.append('ticket-t1', [customerReply('ada', 'My SSO is broken')], 'no_stream');
    const replyOnly = new Set(['ReplyAdded']);
    const expected = [
      {
        accountId: 'acme',
        contactId: 'ada',
        role: 'technical',
        $pii: expect.objectContaining({ fields: ['name', 'email'] }),
      },
      expect.objectContaining({ body: 'My SSO is broken' }),
    ];
    expect(dataOf(await store.readAll({ personalDataOf: replyOnly }))).toEqual(expected);
    const delivered: RecordedEvent[] = [];
    const subscription = store.subscribeToAll(
      { personalDataOf: replyOnly },
      async (events) => void delivered.push(...events),
    );
    while (delivered.length < 2) await new Promise((resolve) => setTimeout(resolve, 20));
    await subscription.stop();
    expect(dataOf(delivered)).toEqual(expected);
    expect(dataOf(await store.readAll({ personalDataOf: new Set() }))[1]).not.toHaveProperty('body');
  });

  it("reads an erased subject's fields as erased and others' as written; every hash stays valid", async () => {
    const { store, stored } = await emptyStore();
    await store.append(
      'account-acme',
      [contactAdded('ada', 'Ada Lovelace'), contactAdded('bob', 'Bob Ross')],
      'no_stream',
    );
    const cipher = (store as unknown as { cipher: PersonalDataCipher }).cipher;
    expect(await cipher.erase('contact:acme/ada')).toBe(1);
    const [ada, bob] = dataOf(await store.readStream('account-acme'));
    expect(ada).toMatchObject({ contactId: 'ada', name: ERASED, email: ERASED, role: 'technical' });
    expect(bob).toMatchObject({ name: 'Bob Ross', email: 'bob@acme.test' });
    expect(new ChainVerifier().check(await stored.readAll({ asStored: true }))).toBeUndefined();
  });

  it('reads events written before encryption as written, and as erased once their subject is', async () => {
    const { store, stored } = await emptyStore();
    await stored.append('account-acme', [contactAdded('ada', 'Ada Lovelace')], 'no_stream');
    expect(dataOf(await store.readAll())).toEqual([expect.objectContaining({ name: 'Ada Lovelace' })]);
    const cipher = (store as unknown as { cipher: PersonalDataCipher }).cipher;
    await cipher.erase('account:acme', 'contact:acme/');
    expect(dataOf(await store.readAll())).toEqual([expect.objectContaining({ name: ERASED, email: ERASED })]);
  });

  it('selects events for a SQL copy with their personal data still sealed', async () => {
    const { store } = await emptyStore();
    await store.append(
      'account-acme',
      [
        contactAdded('ada', 'Ada Lovelace'),
        { eventId: randomUUID(), type: 'AccountTierChanged', data: { accountId: 'acme' } },
      ],
      'no_stream',
    );
    expect(store.sqlLog!.asStored('ContactAdded')).toBe(true);
    const { text, values } = store.sqlLog!.select(0n, await store.headPosition());
    const { rows } = await db.pool.query<{ type: string; data: object }>(`${text} ORDER BY position`, values);
    expect(rows.map((row) => row.type)).toEqual(['ContactAdded', 'AccountTierChanged']);
    expect(JSON.stringify(rows)).not.toContain('Ada Lovelace');
    expect(rows[0].data).toHaveProperty('$pii');
  });

  it('with its key store unreachable, writes nothing and serves nothing in the clear', async () => {
    const { store: working } = await emptyStore();
    await working.append('account-acme', [contactAdded('ada', 'Ada Lovelace')], 'no_stream');
    const unreachable = new Pool({
      connectionString: 'postgres://nobody@127.0.0.1:1/none',
      connectionTimeoutMillis: 2000,
    });
    const stored = new PostgresEventStore(db.pool);
    const store = new ProtectedEventStore(
      stored,
      new PersonalDataCipher(new PostgresKeyStore(unreachable, MASTER), 60_000),
    );
    await expect(store.append('account-acme', [contactAdded('bob', 'Bob Ross')], 0n)).rejects.toBeInstanceOf(
      KeyStoreUnavailableError,
    );
    expect(await stored.readAll()).toHaveLength(1);
    await expect(store.readStream('account-acme')).rejects.toBeInstanceOf(KeyStoreUnavailableError);
    await expect(store.readAll()).rejects.toBeInstanceOf(KeyStoreUnavailableError);
    // Events without personal data need no key.
    await store.append(
      'ticket-t9',
      [{ eventId: randomUUID(), type: 'TicketStatusChanged', data: { accountId: 'acme' } }],
      'no_stream',
    );
    expect(await store.readStream('ticket-t9')).toHaveLength(1);
    await unreachable.end();
  });
});
