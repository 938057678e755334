import { randomUUID } from 'node:crypto';
import { PostgresEventStore, type EventStore, type EventToAppend, type JsonObject } from '../../libs/event-store/src';
import { figure, percentile, type Figure } from './figures';
import type { BenchContext } from './main';

export const WRITERS = 16;
export const STREAMS = 2000;
/** Measured rounds, after one warm-up round; figures are medians, floor and event store alternating. */
export const ROUNDS = 3;
/** Appends of the lone writer (group commit must not make it wait); the first tenth warms up. */
const LONE_APPENDS = 2000;

export interface Row {
  streamId: string;
  revision: number;
  event: EventToAppend;
}

/** A 200-byte ticket payload and realistic metadata (docs/design.md §3). */
export function makeEvent(streamId: string, revision: number): EventToAppend {
  const data: JsonObject = { ticketId: streamId, revision, body: '' };
  data.body = 'x'.repeat(200 - JSON.stringify(data).length);
  return {
    eventId: randomUUID(),
    type: 'TicketReplied',
    data,
    metadata: {
      schemaVersion: 1,
      occurredAt: new Date().toISOString(),
      actor: { kind: 'service', id: 'bench' },
      correlationId: randomUUID(),
      causationId: randomUUID(),
      accountId: 'account-bench',
      source: 'bench',
    },
  };
}

/** 16 writers; writer w appends round-robin to the streams s with s % 16 == w, so each knows its revisions. */
export async function runWriters(
  streams: { id: string; next: number }[],
  appends: number,
  perAppend: number,
  write: (rows: Row[]) => Promise<void>,
): Promise<{ eventsPerSecond: number; latencies: number[]; events: number }> {
  const latencies: number[] = [];
  const perWriter = Math.ceil(appends / WRITERS);
  const started = process.hrtime.bigint();
  await Promise.all(
    Array.from({ length: WRITERS }, async (_, writer) => {
      const own = streams.filter((_, i) => i % WRITERS === writer);
      for (let i = 0; i < perWriter; i++) {
        const stream = own[i % own.length];
        const rows = Array.from({ length: perAppend }, (_, k) => ({
          streamId: stream.id,
          revision: stream.next + k,
          event: makeEvent(stream.id, stream.next + k),
        }));
        const t0 = process.hrtime.bigint();
        await write(rows);
        latencies.push(Number(process.hrtime.bigint() - t0) / 1e6);
        stream.next += perAppend;
      }
    }),
  );
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const events = perWriter * WRITERS * perAppend;
  return { eventsPerSecond: events / seconds, latencies, events };
}

/** Reads the log after `after` through the port in pages of 1,000: events read and their rate. */
export async function readThroughPort(
  store: EventStore,
  after: bigint,
): Promise<{ count: number; eventsPerSecond: number }> {
  const t0 = process.hrtime.bigint();
  let count = 0;
  for (;;) {
    const batch = await store.readAll({ after, limit: 1000 });
    if (batch.length === 0) break;
    count += batch.length;
    after = batch[batch.length - 1].position;
  }
  return { count, eventsPerSecond: count / (Number(process.hrtime.bigint() - t0) / 1e9) };
}

export async function appendGroup({ pool, url, scale, progress }: BenchContext): Promise<Figure[]> {
  await PostgresEventStore.migrate(pool);
  await pool.query(`CREATE TABLE IF NOT EXISTS bench_floor (
    stream_id text NOT NULL, revision bigint NOT NULL, event_id uuid NOT NULL, type text NOT NULL,
    data jsonb NOT NULL, metadata jsonb NOT NULL, UNIQUE (stream_id, revision))`);
  const store = new PostgresEventStore(pool, { listenConnectionString: url });
  const delivered = new Set<string>();
  let deliveries = 0;
  const subscription = store.subscribeToAll({ batchSize: 1000 }, async (events) => {
    deliveries += events.length;
    events.forEach((e) => delivered.add(e.eventId));
  });
  let appendedThroughPort = 0;

  const storeStreams = Array.from({ length: STREAMS }, () => ({ id: `ticket-${randomUUID()}`, next: 0 }));
  const floorStreams = storeStreams.map((s) => ({ id: s.id, next: 0 }));
  const viaStore = async (rows: Row[]): Promise<void> => {
    const expected = rows[0].revision === 0 ? 'no_stream' : BigInt(rows[0].revision - 1);
    await store.append(
      rows[0].streamId,
      rows.map((r) => r.event),
      expected,
    );
    appendedThroughPort += rows.length;
  };
  const viaFloor = async (rows: Row[]): Promise<void> => {
    const values = rows.map(
      (_, i) => `($${i * 6 + 1}, $${i * 6 + 2}, $${i * 6 + 3}, $${i * 6 + 4}, $${i * 6 + 5}, $${i * 6 + 6})`,
    );
    await pool.query(
      `INSERT INTO bench_floor (stream_id, revision, event_id, type, data, metadata) VALUES ${values.join(', ')}`,
      rows.flatMap((r) => [
        r.streamId,
        r.revision,
        r.event.eventId,
        r.event.type,
        JSON.stringify(r.event.data),
        JSON.stringify(r.event.metadata),
      ]),
    );
  };

  const figures: Figure[] = [];
  for (const [name, perAppend, appends] of [
    ['single', 1, Math.round(16_000 * scale)],
    ['batch10', 10, Math.round(3_200 * scale)],
  ] as const) {
    const rounds = { store: [] as number[], floor: [] as number[], p99: [] as number[] };
    for (let round = 0; round <= ROUNDS; round++) {
      const label = round === 0 ? 'warm-up' : `round ${round}/${ROUNDS}`;
      progress(`append.${name}: ${label}, floor (plain INSERTs)`);
      const floor = await runWriters(floorStreams, appends, perAppend, viaFloor);
      progress(`append.${name}: ${label}, event store`);
      const measured = await runWriters(storeStreams, appends, perAppend, viaStore);
      if (round === 0) continue;
      rounds.floor.push(floor.eventsPerSecond);
      rounds.store.push(measured.eventsPerSecond);
      rounds.p99.push(percentile(measured.latencies, 99));
    }
    figures.push(
      figure(`append.${name}.events_per_s`, percentile(rounds.store, 50), 'events/s', percentile(rounds.floor, 50)),
    );
    if (name === 'single') figures.push(figure('append.single.p99_ms', percentile(rounds.p99, 50), 'ms'));
  }

  progress('append.lone: one writer alone, floor and event store alternating');
  const lone = { store: [] as number[], floor: [] as number[] };
  const loneStreams = [{ id: `ticket-${randomUUID()}`, next: 0 }];
  for (let n = 0; n < LONE_APPENDS; n++) {
    const stream = loneStreams[0];
    const rows = [{ streamId: stream.id, revision: stream.next, event: makeEvent(stream.id, stream.next) }];
    for (const [write, into] of [
      [viaFloor, lone.floor],
      [viaStore, lone.store],
    ] as const) {
      const t0 = process.hrtime.bigint();
      await write(rows);
      if (n >= LONE_APPENDS / 10) into.push(Number(process.hrtime.bigint() - t0) / 1e6);
    }
    stream.next += 1;
  }
  figures.push(figure('append.lone.p50_ms', percentile(lone.store, 50), 'ms', percentile(lone.floor, 50)));

  progress('read_all: whole log through the port and keyset-paged SELECTs on the bare table');
  const reads = { store: [] as number[], floor: [] as number[] };
  for (let round = 1; round <= ROUNDS; round++) {
    const { count, eventsPerSecond } = await readThroughPort(store, 0n);
    reads.store.push(eventsPerSecond);
    const t0 = process.hrtime.bigint();
    let floorCount = 0;
    for (let key: [string, number] = ['', -1]; ;) {
      const { rows } = await pool.query<{ stream_id: string; revision: string }>(
        'SELECT * FROM bench_floor WHERE (stream_id, revision) > ($1, $2) ORDER BY stream_id, revision LIMIT 1000',
        key,
      );
      if (rows.length === 0) break;
      floorCount += rows.length;
      const last = rows[rows.length - 1];
      key = [last.stream_id, Number(last.revision)];
    }
    reads.floor.push(floorCount / (Number(process.hrtime.bigint() - t0) / 1e9));
    if (count !== floorCount) throw new Error(`read ${count} events but the floor table holds ${floorCount}`);
  }
  figures.push(figure('read_all.events_per_s', percentile(reads.store, 50), 'events/s', percentile(reads.floor, 50)));

  const deadline = Date.now() + 60_000;
  while (delivered.size < appendedThroughPort && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
  await subscription.stop();
  await store.close();
  figures.push(figure('subscription.missing_events', appendedThroughPort - delivered.size, 'events'));
  figures.push(figure('subscription.duplicate_events', deliveries - delivered.size, 'events'));
  return figures;
}
