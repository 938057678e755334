import { Pool } from 'pg';
import { createTestDatabase, type TestDatabase } from '../../../test/support/test-database';
import { keyStoreConformance } from './key-store.conformance';
import { KeyStoreUnavailableError } from './key-store.port';
import { PostgresKeyStore } from './postgres-key-store';

const MASTER = Buffer.alloc(32, 1);
let db: TestDatabase;

beforeAll(async () => {
  db = await createTestDatabase(4);
  await PostgresKeyStore.migrate(db.pool);
});

afterAll(async () => {
  await db.drop();
});

keyStoreConformance('PostgreSQL', async () => {
  await db.pool.query('TRUNCATE privacy.data_keys, privacy.erasures');
  return new PostgresKeyStore(db.pool, MASTER);
});

describe('PostgreSQL key store', () => {
  it('keeps data keys wrapped: the table never holds a key in the clear', async () => {
    const { keyId, key } = (await new PostgresKeyStore(db.pool, MASTER).keysFor(['account:w1'])).get('account:w1')!;
    const { rows } = await db.pool.query<{ wrapped: Buffer }>(
      'SELECT wrapped FROM privacy.data_keys WHERE key_id = $1',
      [keyId],
    );
    expect(rows[0].wrapped.includes(key)).toBe(false);
  });

  it('refuses to open keys with another master key, saying which setting to fix', async () => {
    const { keyId } = (await new PostgresKeyStore(db.pool, MASTER).keysFor(['account:m1'])).get('account:m1')!;
    const wrong = new PostgresKeyStore(db.pool, Buffer.alloc(32, 2));
    const error = await wrong.keysById([keyId]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(KeyStoreUnavailableError);
    expect((error as Error).message).toMatch(/PII_MASTER_KEY/);
  });

  it('fails with KeyStoreUnavailableError when its database cannot be reached', async () => {
    const unreachable = new Pool({
      connectionString: 'postgres://nobody@127.0.0.1:1/none',
      connectionTimeoutMillis: 2000,
    });
    const keys = new PostgresKeyStore(unreachable, MASTER);
    for (const call of [keys.keysFor(['account:x']), keys.keysById([]), keys.erase('account:x')])
      await expect(call).rejects.toBeInstanceOf(KeyStoreUnavailableError);
    await unreachable.end();
  });
});
