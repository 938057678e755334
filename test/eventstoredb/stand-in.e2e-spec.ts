import { randomUUID } from 'node:crypto';
import {
  END,
  EventStoreDBClient,
  FORWARDS,
  BACKWARDS,
  jsonEvent,
  START,
  StreamNotFoundError,
  WrongExpectedVersionError,
  eventTypeFilter,
  type ResolvedEvent,
} from '@eventstore/db-client';
import { EventStoreDbStandIn } from './eventstoredb-stand-in';

/**
 * The real @eventstore/db-client over gRPC against the stand-in (or against a real server when
 * EVENTSTORE_CONNECTION_STRING is set): the semantics the adapter will rely on.
 */
let standIn: EventStoreDbStandIn | undefined;
let client: EventStoreDBClient;
const run = randomUUID().slice(0, 8);

beforeAll(async () => {
  const given = process.env.EVENTSTORE_CONNECTION_STRING;
  if (!given) standIn = await new EventStoreDbStandIn().start();
  client = EventStoreDBClient.connectionString(given ?? (standIn as EventStoreDbStandIn).connectionString);
});

afterAll(async () => {
  await client.dispose();
  await standIn?.stop();
});

const event = (type: string, data: Record<string, unknown>, id = randomUUID()) =>
  jsonEvent({ id, type, data, metadata: { actor: 'test' } });

async function collect(iterable: AsyncIterable<ResolvedEvent>): Promise<ResolvedEvent[]> {
  const events: ResolvedEvent[] = [];
  for await (const resolved of iterable) events.push(resolved);
  return events;
}

describe('EventStoreDB semantics through the real client', () => {
  it('appends with expected revisions from 0 and answers a wrong expectation with the current revision', async () => {
    const stream = `ticket-${run}-a`;
    const first = await client.appendToStream(stream, [event('Opened', { n: 1 }), event('Noted', { n: 2 })], {
      expectedRevision: 'no_stream',
    });
    expect(first.nextExpectedRevision).toBe(1n);
    expect(first.position?.commit).toBeGreaterThan(0n);
    const second = await client.appendToStream(stream, event('Noted', { n: 3 }), { expectedRevision: 1n });
    expect(second.nextExpectedRevision).toBe(2n);
    expect(second.position!.commit).toBeGreaterThan(first.position!.commit);
    await expect(
      client.appendToStream(stream, event('Noted', { n: 4 }), { expectedRevision: 1n }),
    ).rejects.toMatchObject({ constructor: WrongExpectedVersionError, actualVersion: 2n, expectedVersion: 1n });
    await expect(
      client.appendToStream(stream, event('Noted', { n: 4 }), { expectedRevision: 'no_stream' }),
    ).rejects.toBeInstanceOf(WrongExpectedVersionError);
    await expect(
      client.appendToStream(`ticket-${run}-none`, event('Noted', { n: 4 }), { expectedRevision: 'stream_exists' }),
    ).rejects.toBeInstanceOf(WrongExpectedVersionError);
  });

  it('treats the same event ids appended again at the same place as done, without new events', async () => {
    const stream = `ticket-${run}-b`;
    const ids = [randomUUID(), randomUUID()];
    const first = await client.appendToStream(
      stream,
      ids.map((id, i) => event('Noted', { i }, id)),
      { expectedRevision: 'no_stream' },
    );
    const again = await client.appendToStream(
      stream,
      ids.map((id, i) => event('Noted', { i }, id)),
      { expectedRevision: 'no_stream' },
    );
    expect(again.nextExpectedRevision).toBe(first.nextExpectedRevision);
    expect(await collect(client.readStream(stream))).toHaveLength(2);
  });

  it('reads a stream forwards and backwards from a revision, and says when a stream does not exist', async () => {
    const stream = `ticket-${run}-a`;
    const forwards = await collect(client.readStream(stream, { fromRevision: START, direction: FORWARDS }));
    expect(forwards.map((resolved) => [resolved.event?.revision, resolved.event?.type, resolved.event?.data])).toEqual([
      [0n, 'Opened', { n: 1 }],
      [1n, 'Noted', { n: 2 }],
      [2n, 'Noted', { n: 3 }],
    ]);
    expect(forwards[0].event?.metadata).toEqual({ actor: 'test' });
    expect(
      (await collect(client.readStream(stream, { fromRevision: END, direction: BACKWARDS, maxCount: 2 }))).map(
        (resolved) => resolved.event?.revision,
      ),
    ).toEqual([2n, 1n]);
    expect(
      (await collect(client.readStream(stream, { fromRevision: 1n, maxCount: 1 }))).map(
        (resolved) => resolved.event?.revision,
      ),
    ).toEqual([1n]);
    await expect(collect(client.readStream(`ticket-${run}-missing`))).rejects.toBeInstanceOf(StreamNotFoundError);
  });

  it('reads $all in commit order, and subscribes with a server-side filter from a position with caught-up and live events', async () => {
    const all = (await collect(client.readAll({ fromPosition: START, maxCount: 1000 }))).filter(
      (resolved) => !resolved.event?.type.startsWith('$'),
    );
    const mine = all.filter((resolved) => resolved.event?.streamId.includes(run));
    expect(mine.length).toBeGreaterThanOrEqual(5);
    const positions = all.map((resolved) => resolved.event!.position!.commit);
    expect([...positions].sort((a, b) => (a < b ? -1 : 1))).toEqual(positions);

    const seen: ResolvedEvent[] = [];
    const subscription = client.subscribeToAll({
      fromPosition: START,
      filter: eventTypeFilter({ prefixes: ['Opened'] }),
    });
    const caughtUp = new Promise<void>((resolve) => subscription.once('caughtUp', () => resolve()));
    subscription.on('data', (resolved: ResolvedEvent) => void seen.push(resolved));
    await caughtUp;
    const before = seen.length;
    expect(seen.every((resolved) => resolved.event?.type === 'Opened')).toBe(true);
    await client.appendToStream(`ticket-${run}-c`, [event('Noted', {}), event('Opened', { live: true })]);
    for (const deadline = Date.now() + 5000; seen.length === before && Date.now() < deadline;)
      await new Promise((resolve) => setTimeout(resolve, 10));
    await subscription.unsubscribe();
    expect(seen.slice(before).map((resolved) => resolved.event?.data)).toEqual([{ live: true }]);
    expect(seen.at(-1)!.event!.position!.commit).toBeGreaterThan(positions.at(-1)!);
  });
});
