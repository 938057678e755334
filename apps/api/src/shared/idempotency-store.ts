import { Inject, Injectable, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import type { Pool } from 'pg';
import { runMigrations } from '@app/database';
import { PG_POOL } from '@app/platform';

const MIGRATIONS = [
  {
    version: 1,
    name: 'idempotency keys',
    sql: `
      CREATE TABLE api_idempotency_keys (
        principal text NOT NULL,
        key text NOT NULL,
        fingerprint text NOT NULL,
        status integer,
        body jsonb,
        etag text,
        claimed_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (principal, key));
      CREATE INDEX api_idempotency_keys_claimed_at ON api_idempotency_keys (claimed_at);`,
  },
];

/** Keys are remembered this long, like Stripe's 24 hours. */
const RETENTION = '24 hours';
/** A claim left by a process that died mid-request may be taken over after this long. */
const ABANDONED_AFTER = '30 seconds';
/** Statements a claim may take while claims of the same key come and go around it; then it answers "in progress". */
const CLAIM_ATTEMPTS = 10;

export type Claim =
  | { outcome: 'claimed' }
  | { outcome: 'replay'; status: number; body: unknown; etag: string | null }
  | { outcome: 'in_progress' }
  | { outcome: 'mismatch' };

/** First answers of commands sent with an Idempotency-Key, per principal (docs/design.md §8). */
@Injectable()
export class IdempotencyStore implements OnModuleInit, OnApplicationShutdown {
  private sweeper?: NodeJS.Timeout;

  constructor(@Inject(PG_POOL) private readonly pool: Pool) {}

  async onModuleInit(): Promise<void> {
    await runMigrations(this.pool, 'api', MIGRATIONS);
    this.sweeper = setInterval(
      () =>
        void this.pool
          .query(`DELETE FROM api_idempotency_keys WHERE claimed_at < now() - interval '${RETENTION}'`)
          .catch(() => undefined),
      10 * 60_000,
    );
    this.sweeper.unref();
  }

  onApplicationShutdown(): void {
    clearInterval(this.sweeper);
  }

  async claim(principal: string, key: string, fingerprint: string): Promise<Claim> {
    for (let attempt = 0; attempt < CLAIM_ATTEMPTS; attempt += 1) {
      const row = await this.claimOrRead(principal, key, fingerprint);
      // A claim committed after this statement's snapshot was taken stops the insert, but the read
      // of the same statement cannot see it: ask again, in a statement that can.
      if (!row) continue;
      if (row.claimed) return { outcome: 'claimed' };
      if (row.fingerprint !== fingerprint) return { outcome: 'mismatch' };
      if (row.status !== null) return { outcome: 'replay', status: row.status, body: row.body, etag: row.etag };
      if (row.abandoned && (await this.takeOver(principal, key))) return { outcome: 'claimed' };
      return { outcome: 'in_progress' };
    }
    return { outcome: 'in_progress' };
  }

  /** Inserts the claim, or reads the one that holds the key; nothing when a concurrent claim is not yet visible. */
  private async claimOrRead(principal: string, key: string, fingerprint: string) {
    const { rows } = await this.pool.query<{
      claimed: boolean;
      fingerprint: string;
      status: number | null;
      body: unknown;
      etag: string | null;
      abandoned: boolean;
    }>(
      `WITH inserted AS (
         INSERT INTO api_idempotency_keys (principal, key, fingerprint) VALUES ($1, $2, $3)
         ON CONFLICT DO NOTHING RETURNING true AS claimed)
       SELECT true AS claimed, $3 AS fingerprint, NULL::int AS status, NULL::jsonb AS body, NULL AS etag, false AS abandoned FROM inserted
       UNION ALL
       SELECT false, fingerprint, status, body, etag, status IS NULL AND claimed_at < now() - interval '${ABANDONED_AFTER}'
         FROM api_idempotency_keys WHERE principal = $1 AND key = $2 AND NOT EXISTS (SELECT 1 FROM inserted)`,
      [principal, key, fingerprint],
    );
    return rows[0];
  }

  private async takeOver(principal: string, key: string): Promise<boolean> {
    const taken = await this.pool.query(
      `UPDATE api_idempotency_keys SET claimed_at = now() WHERE principal = $1 AND key = $2 AND status IS NULL AND claimed_at < now() - interval '${ABANDONED_AFTER}'`,
      [principal, key],
    );
    return taken.rowCount === 1;
  }

  async complete(principal: string, key: string, status: number, body: unknown, etag: string | null): Promise<void> {
    await this.pool.query(
      'UPDATE api_idempotency_keys SET status = $3, body = $4, etag = $5 WHERE principal = $1 AND key = $2',
      [principal, key, status, JSON.stringify(body), etag],
    );
  }

  /** A failed command keeps no claim: the client may retry it with the same key. */
  async release(principal: string, key: string): Promise<void> {
    await this.pool.query('DELETE FROM api_idempotency_keys WHERE principal = $1 AND key = $2 AND status IS NULL', [
      principal,
      key,
    ]);
  }
}
