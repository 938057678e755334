import { Inject, Injectable } from '@nestjs/common';
import type { Pool } from 'pg';
import { inTransaction } from '@app/database';
import { EVENT_STORE, recordedWithin, type EventStore, type RecordedBound, type RecordedEvent } from '@app/event-store';
import { PG_POOL } from '@app/platform';
import { qualified } from '../projection';

/** Streams read at once: an account has its own stream and one per ticket. */
const STREAM_READS = 8;
const SCAN_BATCH = 5000;

/**
 * One account's events from the log (docs/design.md §5, Audit): every event whose metadata names the
 * account, in log order, up to a bound. The timeline read model serves only as an index of the
 * account's streams up to its checkpoint; the events themselves are read from those streams, and
 * the log after the checkpoint is scanned for what the timeline has not seen yet (new tickets,
 * events of a timeline that lags). The cost follows the account's own events and the timeline's
 * lag, not the size of the log; the result is exactly what `scanAccountHistory` finds.
 */
@Injectable()
export class AccountHistory {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(PG_POOL) private readonly pool: Pool,
  ) {}

  async events(accountId: string, bound: RecordedBound = {}): Promise<RecordedEvent[]> {
    const closed = await closedAtHead(this.store, bound);
    const { checkpoint, streams } = await this.indexedStreams(accountId);
    const read = await inBatches(streams, STREAM_READS, (streamId) => this.store.readStream(streamId));
    const tail = checkpoint < closed.position ? await scan(this.store, accountId, closed, checkpoint) : [];
    const byPosition = new Map<bigint, RecordedEvent>();
    for (const event of [...read.flat(), ...tail]) {
      if (names(event, accountId) && recordedWithin(event, closed)) byPosition.set(event.position, event);
    }
    return [...byPosition.values()].sort((a, b) => (a.position < b.position ? -1 : 1));
  }

  /** The account's streams the timeline has seen, and up to where it has seen the log (one snapshot). */
  private async indexedStreams(accountId: string): Promise<{ checkpoint: bigint; streams: string[] }> {
    return inTransaction(
      this.pool,
      async (client) => {
        const status = await client.query<{ active_schema: string | null; position: string }>(
          `SELECT active_schema, position FROM projections.status WHERE name = 'timeline'`,
        );
        const schema = status.rows[0]?.active_schema;
        if (!schema) return { checkpoint: 0n, streams: [] };
        const { rows } = await client.query<{ stream_id: string }>(
          `SELECT DISTINCT stream_id FROM ${qualified(schema, 'entries')} WHERE account_id = $1`,
          [accountId],
        );
        return { checkpoint: BigInt(status.rows[0].position), streams: rows.map((row) => row.stream_id) };
      },
      'BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY',
    );
  }
}

/**
 * The audit's ground truth: the whole log read in order for the events whose metadata
 * names the account. Its cost grows with the log; `AccountHistory` answers the same in proportion
 * to the account.
 */
export async function scanAccountHistory(
  store: EventStore,
  accountId: string,
  bound: RecordedBound = {},
  onProgress?: (position: bigint, head: bigint) => void,
): Promise<RecordedEvent[]> {
  return scan(store, accountId, await closedAtHead(store, bound), 0n, onProgress);
}

type ClosedBound = RecordedBound & { position: bigint };

/** The bound with a last position: the bound's, or the head now (nothing below it can appear later). */
async function closedAtHead(store: EventStore, bound: RecordedBound): Promise<ClosedBound> {
  const head = await store.headPosition();
  return { ...bound, position: bound.position !== undefined && bound.position < head ? bound.position : head };
}

/** The log in (after, bound] read in order for the account's events. */
async function scan(
  store: EventStore,
  accountId: string,
  bound: ClosedBound,
  after: bigint,
  onProgress?: (position: bigint, head: bigint) => void,
): Promise<RecordedEvent[]> {
  const found: RecordedEvent[] = [];
  for (let from = after; from < bound.position;) {
    const events = await store.readAll({ after: from, limit: SCAN_BATCH });
    if (events.length === 0) break;
    found.push(...events.filter((event) => names(event, accountId) && recordedWithin(event, bound)));
    from = events[events.length - 1].position;
    onProgress?.(from, bound.position);
  }
  return found;
}

const names = (event: RecordedEvent, accountId: string) => event.metadata.accountId === accountId;

async function inBatches<T, R>(items: T[], size: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = [];
  for (let start = 0; start < items.length; start += size) {
    results.push(...(await Promise.all(items.slice(start, start + size).map(work))));
  }
  return results;
}
