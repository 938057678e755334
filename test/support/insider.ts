import type { Pool } from 'pg';
import { chainHash, contentDigest, type JsonObject, type JsonValue } from '../../libs/event-store/src';
import type { InsiderEvent } from '../eventstoredb/eventstoredb-stand-in';
import type { TestDatabase } from './test-database';

/**
 * Whoever can write to the store (a DBA, an attacker with its credentials) rewriting history, on
 * either store: the attacks the ledger must catch (docs/audit.md).
 * Each rewrites the events as stored; `restore` puts the log back as it was when the insider came.
 */
export interface Insider {
  /** Changes an event's data and computes its stream's hash chain again, so that `verify` still passes. */
  editAndRechain(eventId: string, patch: JsonObject): Promise<void>;
  deleteStream(streamId: string): Promise<void>;
  /** Deletes the last event of a stream. */
  cutTail(streamId: string): Promise<void>;
  shiftRecordedTime(eventId: string, ms: number): Promise<void>;
  swapPositions(first: string, second: string): Promise<void>;
  restore(): Promise<void>;
}

interface Chained {
  eventId: string;
  type: string;
  data: JsonValue;
  metadata: JsonValue;
}

/** The hashes of a stream's events, in order, computed as the store does (hash-chain.ts). */
function rechained(events: Chained[]): string[] {
  let previous: Buffer | undefined;
  return events.map((event) => (previous = chainHash(previous, contentDigest(event))).toString('hex'));
}

export async function insider(db: TestDatabase): Promise<Insider> {
  const standIn = db.eventStore.standIn;
  if (standIn) {
    const restore = standIn.snapshot();
    const rewrite = async (change: (events: InsiderEvent[]) => InsiderEvent[]) => standIn.rewrite(change);
    const chainOf = (events: InsiderEvent[], stream: string) => {
      const own = events.filter((event) => event.stream === stream);
      const hashes = rechained(
        own.map(({ id, type, data, metadata: { $hash: _hash, ...metadata } }) => ({
          eventId: id,
          type,
          data: data as JsonValue,
          metadata: metadata as JsonValue,
        })),
      );
      own.forEach((event, i) => (event.metadata.$hash = hashes[i]));
    };
    return {
      editAndRechain: (eventId, patch) =>
        rewrite((events) => {
          const event = events.find((candidate) => candidate.id === eventId)!;
          event.data = { ...(event.data as JsonObject), ...patch };
          chainOf(events, event.stream);
          return events;
        }),
      deleteStream: (streamId) => rewrite((events) => events.filter((event) => event.stream !== streamId)),
      cutTail: (streamId) =>
        rewrite((events) => {
          const last = events.filter((event) => event.stream === streamId).at(-1)!;
          return events.filter((event) => event !== last);
        }),
      shiftRecordedTime: (eventId, ms) =>
        rewrite((events) =>
          events.map((event) => (event.id === eventId ? { ...event, createdMs: event.createdMs + BigInt(ms) } : event)),
        ),
      swapPositions: (first, second) =>
        rewrite((events) => {
          const [a, b] = [events.find((e) => e.id === first)!, events.find((e) => e.id === second)!];
          [a.position, b.position] = [b.position, a.position];
          return events;
        }),
      restore: async () => restore(),
    };
  }
  const pool: Pool = db.pool;
  await pool.query('DROP TABLE IF EXISTS public.insider_snapshot');
  await pool.query('CREATE TABLE public.insider_snapshot AS TABLE event_store.events');
  return {
    editAndRechain: async (eventId, patch) => {
      const { rows } = await pool.query<{ stream_id: string }>(
        'UPDATE event_store.events SET data = data || $2::jsonb WHERE event_id = $1 RETURNING stream_id',
        [eventId, JSON.stringify(patch)],
      );
      const { rows: stream } = await pool.query<{
        event_id: string;
        type: string;
        data: JsonValue;
        metadata: JsonValue;
      }>('SELECT event_id, type, data, metadata FROM event_store.events WHERE stream_id = $1 ORDER BY revision', [
        rows[0].stream_id,
      ]);
      const hashes = rechained(stream.map((row) => ({ eventId: row.event_id, ...row })));
      for (const [i, row] of stream.entries())
        await pool.query(`UPDATE event_store.events SET hash = decode($2, 'hex') WHERE event_id = $1`, [
          row.event_id,
          hashes[i],
        ]);
    },
    deleteStream: async (streamId) => {
      await pool.query('DELETE FROM event_store.events WHERE stream_id = $1', [streamId]);
    },
    cutTail: async (streamId) => {
      await pool.query(
        `DELETE FROM event_store.events WHERE stream_id = $1
           AND revision = (SELECT max(revision) FROM event_store.events WHERE stream_id = $1)`,
        [streamId],
      );
    },
    shiftRecordedTime: async (eventId, ms) => {
      await pool.query(
        'UPDATE event_store.events SET recorded_at = recorded_at + make_interval(secs => $2) WHERE event_id = $1',
        [eventId, ms / 1000],
      );
    },
    swapPositions: async (first, second) => {
      const { rows } = await pool.query<{ event_id: string; position: string }>(
        'SELECT event_id, position FROM event_store.events WHERE event_id = ANY ($1::uuid[])',
        [[first, second]],
      );
      const position = new Map(rows.map((row) => [row.event_id, row.position]));
      await pool.query('UPDATE event_store.events SET position = -1 WHERE event_id = $1', [first]);
      await pool.query('UPDATE event_store.events SET position = $2 WHERE event_id = $1', [
        second,
        position.get(first),
      ]);
      await pool.query('UPDATE event_store.events SET position = $2 WHERE event_id = $1', [
        first,
        position.get(second),
      ]);
    },
    restore: async () => {
      await pool.query('DELETE FROM event_store.events');
      await pool.query('INSERT INTO event_store.events SELECT * FROM public.insider_snapshot');
    },
  };
}
