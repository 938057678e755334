import { createCipheriv, createDecipheriv, createHash, randomBytes, randomUUID } from 'node:crypto';
import type { Pool } from 'pg';
import { runMigrations } from '@app/database';
import { KEY_STORE_MIGRATIONS } from './key-store.migrations';
import { KeyStoreUnavailableError, type DataKey, type KeyStore } from './key-store.port';

interface KeyRow {
  key_id: string;
  subject: string;
  master: string;
  wrapped: Buffer | null;
}

const IV_BYTES = 12;
const TAG_BYTES = 16;

/** Data keys in PostgreSQL, each wrapped (AES-256-GCM, its id as associated data) by the master key. */
export class PostgresKeyStore implements KeyStore {
  private readonly fingerprint: string;

  constructor(
    private readonly pool: Pool,
    private readonly masterKey: Buffer,
  ) {
    if (masterKey.length !== 32) throw new Error('the master key must be 32 bytes (AES-256)');
    this.fingerprint = masterKeyFingerprint(masterKey);
  }

  static async migrate(pool: Pool): Promise<void> {
    await runMigrations(pool, 'privacy', KEY_STORE_MIGRATIONS);
  }

  keysFor(subjects: readonly string[]): Promise<Map<string, DataKey>> {
    return this.guard(async () => {
      const keys = await this.liveKeys(subjects);
      const missing = subjects.filter((subject) => !keys.has(subject));
      if (missing.length === 0) return keys;
      const ids = missing.map(() => randomUUID());
      await this.pool.query(
        `INSERT INTO privacy.data_keys (key_id, subject, master, wrapped)
         SELECT id, subject, $3, wrapped FROM unnest($1::uuid[], $2::text[], $4::bytea[]) AS n(id, subject, wrapped)
         ON CONFLICT (subject) WHERE wrapped IS NOT NULL DO NOTHING`,
        [ids, missing, this.fingerprint, ids.map((id) => this.wrap(id, randomBytes(32)))],
      );
      for (const [subject, key] of await this.liveKeys(missing)) keys.set(subject, key);
      return keys;
    });
  }

  keysById(keyIds: readonly string[]): Promise<Map<string, Buffer | null>> {
    return this.guard(async () => {
      const { rows } = await this.pool.query<KeyRow>(
        'SELECT key_id, subject, master, wrapped FROM privacy.data_keys WHERE key_id = ANY ($1::uuid[])',
        [keyIds],
      );
      return new Map(rows.map((row) => [row.key_id, row.wrapped && this.unwrap(row)]));
    });
  }

  erasedAmong(subjects: readonly string[]): Promise<Set<string>> {
    return this.guard(async () => {
      const { rows } = await this.pool.query<{ subject: string }>(
        `SELECT s AS subject FROM unnest($1::text[]) s
          WHERE EXISTS (SELECT 1 FROM privacy.erasures e WHERE e.subject = s OR (e.prefix AND starts_with(s, e.subject)))`,
        [subjects],
      );
      return new Set(rows.map((row) => row.subject));
    });
  }

  erase(subject: string, prefix?: string): Promise<number> {
    return this.guard(async () => {
      const { rows } = await this.pool.query<{ erased: number }>(
        `WITH recorded AS (
           INSERT INTO privacy.erasures (subject, prefix)
           SELECT subject, prefix FROM (VALUES ($1, false), ($2, true)) v(subject, prefix) WHERE subject IS NOT NULL
           ON CONFLICT (subject) DO NOTHING),
         erased AS (
           UPDATE privacy.data_keys SET wrapped = NULL, erased_at = now()
            WHERE wrapped IS NOT NULL AND (subject = $1 OR ($2::text IS NOT NULL AND starts_with(subject, $2)))
           RETURNING 1)
         SELECT count(*)::int AS erased FROM erased`,
        [subject, prefix ?? null],
      );
      return rows[0].erased;
    });
  }

  private async liveKeys(subjects: readonly string[]): Promise<Map<string, DataKey>> {
    const { rows } = await this.pool.query<KeyRow>(
      'SELECT key_id, subject, master, wrapped FROM privacy.data_keys WHERE subject = ANY ($1) AND wrapped IS NOT NULL',
      [subjects],
    );
    return new Map(rows.map((row) => [row.subject, { keyId: row.key_id, key: this.unwrap(row) }]));
  }

  private wrap(keyId: string, key: Buffer): Buffer {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.masterKey, iv).setAAD(Buffer.from(keyId));
    return Buffer.concat([iv, cipher.update(key), cipher.final(), cipher.getAuthTag()]);
  }

  private unwrap(row: KeyRow): Buffer {
    if (row.master !== this.fingerprint)
      throw new KeyStoreUnavailableError(
        `data key ${row.key_id} is wrapped by another master key (fingerprint ${row.master}, PII_MASTER_KEY has ${this.fingerprint}): set PII_MASTER_KEY to the key this key store was made with`,
      );
    const wrapped = row.wrapped as Buffer;
    const decipher = createDecipheriv('aes-256-gcm', this.masterKey, wrapped.subarray(0, IV_BYTES))
      .setAAD(Buffer.from(row.key_id))
      .setAuthTag(wrapped.subarray(wrapped.length - TAG_BYTES));
    return Buffer.concat([decipher.update(wrapped.subarray(IV_BYTES, wrapped.length - TAG_BYTES)), decipher.final()]);
  }

  /** Whatever fails here (the server, the network, a wrong master key), the caller gets one error it can answer with 503. */
  private async guard<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      if (error instanceof KeyStoreUnavailableError) throw error;
      throw new KeyStoreUnavailableError(`the key store cannot be read: ${(error as Error).message}`, error);
    }
  }
}

/** Names a master key without revealing it: the first 16 hex digits of its SHA-256. */
export function masterKeyFingerprint(masterKey: Buffer): string {
  return createHash('sha256').update(masterKey).digest('hex').slice(0, 16);
}
