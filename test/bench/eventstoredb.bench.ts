import { randomUUID } from 'node:crypto';
import { EventStoreDBClient, FORWARDS, jsonEvent, START } from '@eventstore/db-client';
import { EventStoreDbEventStore } from '../../libs/event-store/src';
import { readThroughPort, ROUNDS, runWriters, STREAMS, type Row } from './append.bench';
import { figure, percentile, type Figure } from './figures';
import type { BenchContext } from './main';

/**
 * The EventStoreDB adapter against a real server (EVENTSTORE_CONNECTION_STRING); without one the
 * group reports nothing (the stand-in is not timed). Floors: the bare client doing the same
 * appends (same events, same expected revisions) and the same paged `$all` reads.
 */
export async function eventStoreDbGroup({ scale, progress }: BenchContext): Promise<Figure[]> {
  const connection = process.env.EVENTSTORE_CONNECTION_STRING;
  if (!connection) {
    progress('eventstoredb: skipped (set EVENTSTORE_CONNECTION_STRING to measure the adapter against a server)');
    return [];
  }
  const store = new EventStoreDbEventStore(connection);
  const client = EventStoreDBClient.connectionString(connection);
  try {
    const start = await store.headPosition();
    const storeStreams = Array.from({ length: STREAMS }, () => ({ id: `ticket-bench-${randomUUID()}`, next: 0 }));
    const floorStreams = storeStreams.map((stream) => ({ id: `${stream.id}-floor`, next: 0 }));
    const viaStore = async (rows: Row[]): Promise<void> => {
      // As the command side appends: new random ids, so no look for an earlier attempt.
      await store.append(
        rows[0].streamId,
        rows.map((row) => row.event),
        rows[0].revision === 0 ? 'no_stream' : BigInt(rows[0].revision - 1),
        { freshIds: true },
      );
    };
    const viaClient = async (rows: Row[]): Promise<void> => {
      await client.appendToStream(
        rows[0].streamId,
        rows.map(({ event }) =>
          jsonEvent({ id: event.eventId, type: event.type, data: event.data as never, metadata: event.metadata }),
        ),
        { expectedRevision: rows[0].revision === 0 ? 'no_stream' : BigInt(rows[0].revision - 1) },
      );
    };
    const appends = Math.round(8_000 * scale);
    const rounds = { store: [] as number[], floor: [] as number[], p99: [] as number[] };
    for (let round = 0; round <= ROUNDS; round++) {
      progress(`eventstoredb.append.single: ${round === 0 ? 'warm-up' : `round ${round}/${ROUNDS}`}`);
      const floor = await runWriters(floorStreams, appends, 1, viaClient);
      const measured = await runWriters(storeStreams, appends, 1, viaStore);
      if (round === 0) continue;
      rounds.floor.push(floor.eventsPerSecond);
      rounds.store.push(measured.eventsPerSecond);
      rounds.p99.push(percentile(measured.latencies, 99));
    }

    progress('eventstoredb.read_all: what this run appended, through the adapter and the bare client');
    const reads = { store: [] as number[], floor: [] as number[] };
    for (let round = 1; round <= ROUNDS; round++) {
      reads.store.push((await readThroughPort(store, start)).eventsPerSecond);
      const t0 = process.hrtime.bigint();
      let floorCount = 0;
      for (let from = start; ;) {
        let page = 0;
        for await (const resolved of client.readAll({
          fromPosition: from === 0n ? START : { commit: from, prepare: from },
          direction: FORWARDS,
          maxCount: 1001,
        })) {
          if (!resolved.event || resolved.event.position.commit <= from) continue;
          page += 1;
          floorCount += 1;
          from = resolved.event.position.commit;
        }
        if (page === 0) break;
      }
      reads.floor.push(floorCount / (Number(process.hrtime.bigint() - t0) / 1e9));
    }
    return [
      figure(
        'eventstoredb.append.single.events_per_s',
        percentile(rounds.store, 50),
        'events/s',
        percentile(rounds.floor, 50),
      ),
      figure('eventstoredb.append.single.p99_ms', percentile(rounds.p99, 50), 'ms'),
      figure(
        'eventstoredb.read_all.events_per_s',
        percentile(reads.store, 50),
        'events/s',
        percentile(reads.floor, 50),
      ),
    ];
  } finally {
    await store.close();
    await client.dispose();
  }
}
