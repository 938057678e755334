import { createTestDatabase, type TestDatabase } from '../../../test/support/test-database';
import { canonicalJson } from './canonical-json';
import type { JsonValue } from './event-store.port';

/** The canonical form must be exactly PostgreSQL's: the store checks hashes with its own jsonb output. */
describe('canonical JSON', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase(2);
  });
  afterAll(async () => {
    await db.drop();
  });

  const values: JsonValue[] = [
    { b: 1, a: 2, aa: 3, ä: 4, Z: 5, '': 6, é: 7, zz: { y: [], x: {} } },
    ['Grüße aus 東京 😀', 'quote " backslash \\ slash / tab \t newline \n cr \r', '\u0001\u001f\u007f\u2028', ''],
    [0, -0, 1, -1, 0.5, 1.5, -2.25, 0.1, 0.30000000000000004, 123456789012, 2 ** 53, 1e21, 1.5e22, 1e-7, -2.5e-9, 1e-6],
    [true, false, null, [null], { n: null }],
    { position: '42', nested: { deeper: { list: [1, 'two', { three: 3 }] } } },
  ];

  it.each(values.map((value) => [JSON.stringify(value).slice(0, 60), value]))(
    '%s reads as jsonb prints it',
    async (_, value) => {
      const { rows } = await db.pool.query<{ text: string }>('SELECT $1::jsonb::text AS text', [JSON.stringify(value)]);
      expect(canonicalJson(value as JsonValue)).toBe(rows[0].text);
    },
  );
});
