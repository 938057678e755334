import type { Pool } from 'pg';

const WIDER_REFRESH_MS = 50;

export interface HorizonBlocker {
  pid: number;
  state: string | null;
  applicationName: string | null;
  transactionStart: Date | null;
  query: string | null;
}

/** Where a stall of the read horizon is reported: a log line and metrics in the application. */
export interface HorizonObserver {
  /** Readers have waited `waitedMs` behind the transaction of `blocker`; `bypassed` when it never appends. */
  stalled(waitedMs: number, blocker: HorizonBlocker | undefined, bypassed: boolean): void;
  /** The horizon moves again. */
  recovered(waitedMs: number): void;
  /** A subscription's read failed (the database restarting, a connection killed); it retries from its position. */
  readFailed?(error: unknown, retryInMs: number): void;
  /** Group commit sent `appends` appends in one statement (append-groups.ts). */
  appendGroupSent?(appends: number): void;
}

/**
 * Bounds how long readers wait behind an open transaction. Below the horizon every transaction has
 * ended; when it has not moved for `stallMs` while committed events wait beyond it, the blocking
 * transaction is reported and, if it is not an appender, readers read up to the appender horizon.
 */
export class HorizonTracker {
  private horizon?: bigint;
  private since = 0;
  private reportedAt = 0;
  private wider?: { horizon: bigint; at: number };

  constructor(
    private readonly pool: Pool,
    private readonly stallMs: number,
    private readonly observer?: HorizonObserver,
  ) {}

  flowing(): void {
    if (this.horizon !== undefined && this.reportedAt > 0) this.observer?.recovered(Date.now() - this.since);
    this.horizon = undefined;
    this.reportedAt = 0;
    this.wider = undefined;
  }

  /** Returns a wider horizon to read up to, once the stall has lasted long enough and can be passed. */
  async stalled(horizon: bigint): Promise<bigint | undefined> {
    const now = Date.now();
    if (this.horizon !== horizon) {
      if (this.reportedAt > 0) this.observer?.recovered(now - this.since);
      this.horizon = horizon;
      this.since = now;
      this.reportedAt = 0;
      this.wider = undefined;
      return undefined;
    }
    if (now - this.since < this.stallMs) return undefined;
    // A wider horizon stays safe once computed (below it every transaction has ended or can never
    // append), so it is refreshed now and then rather than scanning pg_locks on every read.
    if (!this.wider || now - this.wider.at >= WIDER_REFRESH_MS) {
      const { rows } = await this.pool.query<{ wider: string }>('SELECT event_store.appender_horizon() AS wider');
      this.wider = { horizon: BigInt(rows[0].wider), at: now };
    }
    const wider = this.wider.horizon;
    const bypassed = wider > horizon;
    if (now - this.reportedAt >= this.stallMs) {
      this.reportedAt = now;
      this.observer?.stalled(now - this.since, await this.blocker(), bypassed);
    }
    return bypassed ? wider : undefined;
  }

  private async blocker(): Promise<HorizonBlocker | undefined> {
    const { rows } = await this.pool.query<HorizonBlocker>(
      `SELECT pid, state, application_name AS "applicationName", xact_start AS "transactionStart", left(query, 200) AS query
       FROM pg_stat_activity
       WHERE backend_xid::text::bigint = pg_snapshot_xmin(pg_current_snapshot())::text::bigint % 4294967296`,
    );
    return rows[0];
  }
}
