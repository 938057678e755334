import { randomUUID } from 'node:crypto';
import { DuplicateEventIdError, InvalidAppendError, WrongExpectedVersionError } from './event-store.errors';
import type { EventStore, EventToAppend, ExpectedRevision, RecordedEvent, Subscription } from './event-store.port';
import type { Upcaster } from './upcasters';
import { ChainVerifier, chainHash, contentDigest } from './hash-chain';

export interface ContractStoreOptions {
  upcasters?: Upcaster[];
}

/** Gives each test a store over an empty log; `teardown` runs after the test. */
export type EventStoreFactory = (
  options?: ContractStoreOptions,
) => Promise<{ store: EventStore; teardown(): Promise<void> }>;

function event(
  type = 'TicketOpened',
  data: EventToAppend['data'] = { n: 1 },
  metadata?: EventToAppend['metadata'],
): EventToAppend {
  return { eventId: randomUUID(), type, data, metadata };
}

function stream(prefix = 'ticket'): string {
  return `${prefix}-${randomUUID()}`;
}

/** Collects what a subscription delivers and lets a test wait until a condition holds. */
class Collector {
  readonly events: RecordedEvent[] = [];
  private waiters: (() => void)[] = [];

  readonly handler = async (batch: RecordedEvent[]): Promise<void> => {
    this.events.push(...batch);
    this.waiters.forEach((w) => w());
  };

  async until(condition: () => boolean, what: string, timeoutMs = 20_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!condition()) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; delivered ${this.events.length}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, 50);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
      this.waiters = [];
    }
  }
}

async function expectRejection<T extends Error>(
  promise: Promise<unknown>,
  type: new (...args: never[]) => T,
): Promise<T> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(type);
  return error as T;
}

/** The event store port's conformance suite; every adapter's spec runs it. */
export function eventStoreConformance(name: string, factory: EventStoreFactory): void {
  describe(`${name} event store contract`, () => {
    let store: EventStore;
    let teardown: () => Promise<void>;
    const subscriptions: Subscription[] = [];

    async function useStore(options?: ContractStoreOptions): Promise<EventStore> {
      ({ store, teardown } = await factory(options));
      return store;
    }

    function subscribe(collector: Collector, after?: bigint): Subscription {
      const subscription = store.subscribeToAll({ after, batchSize: 100 }, collector.handler);
      subscriptions.push(subscription);
      return subscription;
    }

    beforeEach(async () => {
      await useStore();
    });

    afterEach(async () => {
      await Promise.all(subscriptions.splice(0).map((s) => s.stop()));
      await teardown();
    });

    describe('append', () => {
      it('starts a stream at revision 0 and returns increasing positions', async () => {
        const id = stream();
        const first = await store.append(id, [event()], 'no_stream');
        const second = await store.append(id, [event(), event()], 0n);
        expect(first).toMatchObject({ streamId: id, nextRevision: 0n, idempotent: false });
        expect(second.nextRevision).toBe(2n);
        expect(second.position).toBeGreaterThan(first.position);
        const read = await store.readStream(id);
        expect(read.map((e) => e.revision)).toEqual([0n, 1n, 2n]);
        expect(read[2].position).toBe(second.position);
      });

      it('records type, data, metadata, stream, revision and time as given', async () => {
        const id = stream();
        const given = event(
          'TicketReplied',
          { body: 'hello', tags: ['a', 'b'], nested: { n: 1.5, ok: true, none: null } },
          {
            schemaVersion: 1,
            correlationId: 'c-1',
          },
        );
        const before = Date.now();
        await store.append(id, [given], 'any');
        const [recorded] = await store.readStream(id);
        expect(recorded).toMatchObject({
          eventId: given.eventId,
          type: given.type,
          data: given.data,
          metadata: given.metadata,
          streamId: id,
          revision: 0n,
        });
        expect(recorded.recordedAt.getTime()).toBeGreaterThanOrEqual(before - 5_000);
      });

      it.each<[string, ExpectedRevision, ExpectedRevision | undefined, bigint | 'no_stream']>([
        ['no_stream on an existing stream', 'no_stream', 'no_stream', 0n],
        ['stream_exists on a missing stream', 'stream_exists', undefined, 'no_stream'],
        ['a stale revision', 5n, 'no_stream', 0n],
        ['a revision on a missing stream', 0n, undefined, 'no_stream'],
      ])('rejects %s with WrongExpectedVersion carrying the current revision', async (_, expected, setup, actual) => {
        const id = stream();
        if (setup) await store.append(id, [event()], setup);
        const error = await expectRejection(store.append(id, [event()], expected), WrongExpectedVersionError);
        expect(error.actual).toBe(actual);
        expect(error.streamId).toBe(id);
        expect(await store.readStream(id)).toHaveLength(setup ? 1 : 0);
      });

      it('accepts any and stream_exists where they apply', async () => {
        const id = stream();
        await store.append(id, [event()], 'any');
        await store.append(id, [event()], 'stream_exists');
        await store.append(id, [event()], 'any');
        expect((await store.readStream(id)).map((e) => e.revision)).toEqual([0n, 1n, 2n]);
      });

      it('appends several events atomically: a failing append writes none of them', async () => {
        const id = stream();
        if (store.capabilities.uniqueEventIds) {
          // The second of three events fails, after the first was written inside the append.
          const taken = event();
          await store.append(stream(), [taken], 'no_stream');
          await expectRejection(store.append(id, [event(), { ...taken }, event()], 'no_stream'), DuplicateEventIdError);
          expect(await store.readStream(id)).toEqual([]);
        } else {
          const [first] = await Promise.allSettled([
            store.append(id, [event(), event(), event()], 'no_stream'),
            store.append(id, [event(), event()], 'no_stream'),
          ]).then((results) => results.filter((r) => r.status === 'fulfilled'));
          expect((await store.readStream(id)).map((e) => e.revision)).toEqual(
            (first as PromiseFulfilledResult<{ nextRevision: bigint }>).value.nextRevision === 2n
              ? [0n, 1n, 2n]
              : [0n, 1n],
          );
        }
      });

      it('is idempotent by event id: a retry returns the first result and writes nothing', async () => {
        const id = stream();
        const batch = [event(), event()];
        const first = await store.append(id, batch, 'no_stream');
        await store.append(id, [event()], 1n);
        const retry = await store.append(id, batch, 'no_stream');
        expect(retry).toEqual({ ...first, idempotent: true });
        const anyBatch = [event()];
        const anyFirst = await store.append(id, anyBatch, 'any');
        expect(await store.append(id, anyBatch, 'any')).toEqual({ ...anyFirst, idempotent: true });
        expect(await store.readStream(id)).toHaveLength(4);
      });

      it('rejects a retry whose ids sit elsewhere than the expectation says', async () => {
        const id = stream();
        const batch = [event()];
        await store.append(id, [event()], 'no_stream');
        await store.append(id, batch, 0n);
        await expectRejection(store.append(id, batch, 'no_stream'), WrongExpectedVersionError);
        await expectRejection(store.append(id, batch, 2n), WrongExpectedVersionError);
        expect(await store.readStream(id)).toHaveLength(2);
      });

      it('refuses an id recorded elsewhere in the log only where the adapter keeps ids unique', async () => {
        const id = stream();
        const batch = [event()];
        await store.append(id, [event()], 'no_stream');
        await store.append(id, batch, 0n);
        const other = stream();
        if (store.capabilities.uniqueEventIds) {
          await expectRejection(store.append(other, batch, 'no_stream'), DuplicateEventIdError);
          const mixed = await expectRejection(store.append(id, [event(), ...batch], 'any'), DuplicateEventIdError);
          expect(mixed).toMatchObject({ eventId: batch[0].eventId, existingStreamId: id, existingRevision: 1n });
          expect(await store.readStream(other)).toEqual([]);
          expect(await store.readStream(id)).toHaveLength(2);
        } else {
          // EventStoreDB compares ids only where the expectation points: elsewhere they are new events.
          expect(await store.append(other, batch, 'no_stream')).toMatchObject({ nextRevision: 0n, idempotent: false });
          expect((await store.readStream(other)).map((e) => e.eventId)).toEqual([batch[0].eventId]);
        }
      });

      it('appends ids the caller vouches are fresh like any others, expectations included', async () => {
        const id = stream();
        const first = await store.append(id, [event(), event()], 'no_stream', { freshIds: true });
        expect(first).toMatchObject({ nextRevision: 1n, idempotent: false });
        const error = await expectRejection(
          store.append(id, [event()], 0n, { freshIds: true }),
          WrongExpectedVersionError,
        );
        expect(error.actual).toBe(1n);
        expect(await store.append(id, [event()], 1n, { freshIds: true })).toMatchObject({
          nextRevision: 2n,
          idempotent: false,
        });
        expect((await store.readStream(id)).map((e) => e.revision)).toEqual([0n, 1n, 2n]);
      });

      it('lets exactly one of two racing appenders win each revision', async () => {
        const id = stream();
        await store.append(id, [event()], 'no_stream');
        for (let revision = 0n; revision < 30n; revision++) {
          const results = await Promise.allSettled([
            store.append(id, [event()], revision),
            store.append(id, [event()], revision),
          ]);
          const won = results.filter((r) => r.status === 'fulfilled');
          const lost = results.filter((r) => r.status === 'rejected');
          expect(won).toHaveLength(1);
          expect(lost).toHaveLength(1);
          expect((lost[0] as PromiseRejectedResult).reason).toBeInstanceOf(WrongExpectedVersionError);
        }
        expect((await store.readStream(id)).map((e) => e.revision)).toEqual([...Array(31).keys()].map(BigInt));
      });

      it('serialises racing appenders that expect any without losing either', async () => {
        const id = stream();
        await Promise.all(Array.from({ length: 20 }, () => store.append(id, [event()], 'any')));
        expect((await store.readStream(id)).map((e) => e.revision)).toEqual([...Array(20).keys()].map(BigInt));
      });

      it('stores a 1 MB event intact', async () => {
        const id = stream();
        const body = 'x'.repeat(1024 * 1024);
        await store.append(id, [event('AttachmentAdded', { body })], 'no_stream');
        const [recorded] = await store.readStream(id);
        expect((recorded.data as { body: string }).body).toBe(body);
      });

      it('accepts Unicode stream names and payloads', async () => {
        const id = `ticket-Zürich-東京-😀-${randomUUID()}`;
        await store.append(id, [event('TicketOpened', { subject: 'Grüße aus 東京 😀' })], 'no_stream');
        const [recorded] = await store.readStream(id);
        expect(recorded.streamId).toBe(id);
        expect(recorded.data).toEqual({ subject: 'Grüße aus 東京 😀' });
      });
    });

    describe('bad input is rejected with a typed error before anything is written', () => {
      const circular: Record<string, unknown> = {};
      circular.self = circular;
      it.each<[string, () => [string, unknown, unknown], string, string]>([
        ['an empty stream name', () => ['', [event()], 'any'], 'invalid_stream_name', 'streamId'],
        [
          'a stream name with a control character',
          () => ['ticket-\n1', [event()], 'any'],
          'invalid_stream_name',
          'streamId',
        ],
        ['a reserved system stream name', () => ['$all', [event()], 'any'], 'invalid_stream_name', 'streamId'],
        ['an over-long stream name', () => ['t'.repeat(256), [event()], 'any'], 'invalid_stream_name', 'streamId'],
        ['an empty append', () => [stream(), [], 'any'], 'empty_append', 'events'],
        [
          'an event id that is not a UUID',
          () => [stream(), [{ ...event(), eventId: 'nope' }], 'any'],
          'invalid_event_id',
          'events[0].eventId',
        ],
        [
          'an empty event type',
          () => [stream(), [{ ...event(), type: '' }], 'any'],
          'invalid_event_type',
          'events[0].type',
        ],
        [
          'data that is not JSON (a function)',
          () => [stream(), [{ ...event(), data: { f: () => 1 } }], 'any'],
          'invalid_event_data',
          'events[0].data.f',
        ],
        [
          'data that is not JSON (NaN)',
          () => [stream(), [event('T', { n: Number.NaN })], 'any'],
          'invalid_event_data',
          'events[0].data.n',
        ],
        [
          'data that is not JSON (a Date)',
          () => [stream(), [{ ...event(), data: { at: new Date() } }], 'any'],
          'invalid_event_data',
          'events[0].data.at',
        ],
        [
          'data with a circular reference',
          () => [stream(), [{ ...event(), data: circular }], 'any'],
          'invalid_event_data',
          'events[0].data.self',
        ],
        [
          'a string with a NUL character',
          () => [stream(), [event('T', { s: 'a\u0000b' })], 'any'],
          'invalid_event_data',
          'events[0].data.s',
        ],
        [
          'an event over the size limit',
          () => [stream(), [event('T', { s: 'x'.repeat(5 * 1024 * 1024) })], 'any'],
          'event_too_large',
          'events[0]',
        ],
        [
          'an unknown expected revision',
          () => [stream(), [event()], 'latest'],
          'invalid_expected_revision',
          'expectedRevision',
        ],
        [
          'a negative expected revision',
          () => [stream(), [event()], -1n],
          'invalid_expected_revision',
          'expectedRevision',
        ],
      ])('%s', async (_, input, reason, field) => {
        const [id, events, expected] = input();
        const error = await expectRejection(
          store.append(id, events as EventToAppend[], expected as ExpectedRevision),
          InvalidAppendError,
        );
        expect(error).toMatchObject({ reason, field });
        expect(await store.readAll()).toEqual([]);
      });
    });

    describe('reads', () => {
      it('reads a stream forward and backward from a revision with a limit', async () => {
        const id = stream();
        await store.append(
          id,
          Array.from({ length: 10 }, (_, n) => event('T', { n })),
          'no_stream',
        );
        const revisions = (events: RecordedEvent[]): bigint[] => events.map((e) => e.revision);
        expect(revisions(await store.readStream(id, { fromRevision: 3n, limit: 4 }))).toEqual([3n, 4n, 5n, 6n]);
        expect(revisions(await store.readStream(id, { direction: 'backward', limit: 3 }))).toEqual([9n, 8n, 7n]);
        expect(revisions(await store.readStream(id, { direction: 'backward', fromRevision: 4n, limit: 10 }))).toEqual([
          4n,
          3n,
          2n,
          1n,
          0n,
        ]);
        expect(await store.readStream(stream())).toEqual([]);
      });

      it('reads the global log in order, in batches from a position', async () => {
        const appended: string[] = [];
        for (let i = 0; i < 25; i++) {
          const e = event('T', { i });
          appended.push(e.eventId);
          await store.append(stream(), [e], 'no_stream');
        }
        const read: RecordedEvent[] = [];
        let after: bigint | undefined;
        for (;;) {
          const batch = await store.readAll({ after, limit: 7 });
          if (batch.length === 0) break;
          expect(batch.length).toBeLessThanOrEqual(7);
          read.push(...batch);
          after = batch[batch.length - 1].position;
        }
        expect(read.map((e) => e.eventId)).toEqual(appended);
        expect(await store.headPosition()).toBe(read[read.length - 1].position);
        expect(await store.lastPosition()).toBe(read[read.length - 1].position);
        const places = await store.readAll({ limit: 1000, asStored: true, omitChainedContent: true });
        expect(
          places
            .slice(-read.length)
            .map(({ eventId, position, hash, metadata }) => [eventId, position, hash, metadata.accountId]),
        ).toEqual(read.map(({ eventId, position, hash, metadata }) => [eventId, position, hash, metadata.accountId]));
        if (store.positionOf) {
          expect(await store.positionOf(read[3].eventId)).toBe(read[3].position);
          expect(await store.positionOf(randomUUID())).toBeUndefined();
        }
      });

      it('reads the metadata of the types a read asks for; the rest may be left out', async () => {
        const id = stream();
        const [wanted, other] = [
          event('Wanted', { n: 1 }, { correlationId: 'c-1', actor: { kind: 'agent' } }),
          event('Other', { n: 2 }, { correlationId: 'c-2' }),
        ];
        await store.append(id, [wanted, other], 'no_stream');
        const read = (await store.readAll({ metadataOf: new Set(['Wanted']) })).filter((e) => e.streamId === id);
        expect(read.map((e) => [e.type, e.data])).toEqual([
          ['Wanted', { n: 1 }],
          ['Other', { n: 2 }],
        ]);
        expect(read[0].metadata).toEqual(wanted.metadata);
        expect([{}, other.metadata]).toContainEqual(read[1].metadata);
        const collector = new Collector();
        subscriptions.push(store.subscribeToAll({ metadataOf: new Set(['Wanted']) }, collector.handler));
        await collector.until(
          () => collector.events.some((e) => e.streamId === id && e.type === 'Other'),
          'both events',
        );
        const delivered = collector.events.filter((e) => e.streamId === id);
        expect(delivered[0].metadata).toEqual(wanted.metadata);
        expect([{}, other.metadata]).toContainEqual(delivered[1].metadata);
      });

      it('upcasts old payloads by event type and schema version on every read path', async () => {
        await teardown();
        await useStore({
          upcasters: [
            { type: 'TicketOpened', fromVersion: 1, upcast: (data) => ({ ...(data as object), priority: 'normal' }) },
            { type: 'TicketOpened', fromVersion: 2, upcast: (data) => ({ ...(data as object), channel: 'email' }) },
          ],
        });
        const id = stream();
        await store.append(
          id,
          [
            event('TicketOpened', { subject: 'old' }),
            event('TicketOpened', { subject: 'v2', priority: 'high' }, { schemaVersion: 2 }),
            event('Other', { x: 1 }),
          ],
          'no_stream',
        );
        const expected = [
          { data: { subject: 'old', priority: 'normal', channel: 'email' }, metadata: { schemaVersion: 3 } },
          { data: { subject: 'v2', priority: 'high', channel: 'email' }, metadata: { schemaVersion: 3 } },
          { data: { x: 1 }, metadata: {} },
        ];
        expect(await store.readStream(id)).toMatchObject(expected);
        expect(await store.readAll()).toMatchObject(expected);
        // A read that asks for no metadata still upcasts by the schema version the metadata holds.
        expect(await store.readAll({ metadataOf: new Set() })).toMatchObject(expected);
        const collector = new Collector();
        subscribe(collector);
        await collector.until(() => collector.events.length === 3, 'three events');
        expect(collector.events).toMatchObject(expected);
      });
    });

    describe('hash chain', () => {
      it("chains every event to its stream's previous one, whatever the append's size or expectation", async () => {
        const [one, two] = [stream(), stream()];
        await store.append(one, [event('A', { n: 1 }, { actor: { kind: 'agent', id: 'ada' } })], 'no_stream');
        await store.append(two, [event('B', { ö: '東京' }), event('C', { list: [3, 1, 2] })], 'no_stream');
        await store.append(one, [event('D', { nested: { b: 1, a: [true, null] } }), event('E')], 0n);
        await store.append(one, [event('F')], 'any');
        await store.append(two, [event('G')], 'stream_exists');
        const events = [...(await store.readStream(one)), ...(await store.readStream(two))];
        expect(events.every((e) => /^[0-9a-f]{64}$/.test(e.hash ?? ''))).toBe(true);
        expect(new ChainVerifier().check(events)).toBeUndefined();
        expect(new ChainVerifier().check(await store.readAll({ asStored: true }))).toBeUndefined();
        // The first event of a stream hashes its digest alone; each next one its predecessor's hash too.
        const [first, second] = events;
        expect(first.hash).toBe(chainHash(undefined, contentDigest(first)).toString('hex'));
        expect(second.hash).toBe(chainHash(Buffer.from(first.hash!, 'hex'), contentDigest(second)).toString('hex'));
      });

      it('keeps the chain whole under racing appenders that expect any', async () => {
        const id = stream();
        await Promise.all(Array.from({ length: 20 }, (_, n) => store.append(id, [event('A', { n })], 'any')));
        const verifier = new ChainVerifier();
        expect(verifier.check(await store.readStream(id))).toBeUndefined();
        expect(verifier.sealed).toBe(20);
      });

      it('names an event whose recorded content differs from what its hash covers', async () => {
        const id = stream();
        await store.append(id, [event('A', { amount: 1 }), event('B'), event('C')], 'no_stream');
        const [a, b, c] = await store.readStream(id);
        const altered = { ...b, data: { amount: 2 } };
        expect(new ChainVerifier().check([a, altered, c])).toMatchObject({ kind: 'hash_mismatch', event: altered });
        expect(new ChainVerifier().check([a, c])).toMatchObject({ kind: 'revision_gap', event: c });
        expect(new ChainVerifier().check([a, { ...b, hash: undefined }, c])).toMatchObject({
          kind: 'unsealed_after_sealed',
        });
      });
    });

    describe('catch-up subscription', () => {
      it('replays from a checkpoint, then turns live', async () => {
        const id = stream();
        const first = await store.append(id, [event(), event()], 'no_stream');
        const checkpoint = (await store.readAll())[0].position;
        const collector = new Collector();
        subscribe(collector, checkpoint);
        await collector.until(() => collector.events.length === 1, 'the replayed event');
        expect(collector.events[0].position).toBe(first.position);
        const live = await store.append(id, [event()], 1n);
        await collector.until(() => collector.events.length === 2, 'the live event');
        expect(collector.events[1].position).toBe(live.position);
      });

      it('stops delivering after stop() and ends with the handler error when the handler throws', async () => {
        await store.append(stream(), [event()], 'no_stream');
        const failing = store.subscribeToAll({}, async () => {
          throw new Error('projection bug');
        });
        await expect(failing.done).rejects.toThrow('projection bug');
        expect(failing.position).toBe(0n);
        const collector = new Collector();
        const subscription = subscribe(collector);
        await collector.until(() => collector.events.length === 1, 'one event');
        await subscription.stop();
        await store.append(stream(), [event()], 'no_stream');
        await new Promise((resolve) => setTimeout(resolve, 300));
        expect(collector.events).toHaveLength(1);
      });

      it('delivers every event of 16 concurrent writers exactly once, in log order and stream order', async () => {
        const collector = new Collector();
        subscribe(collector);
        const writers = 16;
        const appendsPerWriter = 60;
        const appended = new Set<string>();
        const shared = Array.from({ length: 8 }, () => stream('account'));
        await Promise.all(
          Array.from({ length: writers }, async (_, writer) => {
            const own = Array.from({ length: 10 }, () => ({ id: stream(), revision: -1n }));
            for (let i = 0; i < appendsPerWriter; i++) {
              const events = Array.from({ length: 1 + (i % 3) }, () => event('T', { writer, i }));
              if (i % 4 === 3) {
                await store.append(shared[(writer + i) % shared.length], events, 'any');
              } else {
                const target = own[i % own.length];
                const result = await store.append(
                  target.id,
                  events,
                  target.revision < 0n ? 'no_stream' : target.revision,
                );
                target.revision = result.nextRevision;
              }
              events.forEach((e) => appended.add(e.eventId));
            }
          }),
        );
        await collector.until(() => collector.events.length >= appended.size, `${appended.size} events`);
        const delivered = collector.events.map((e) => e.eventId);
        expect(new Set(delivered).size).toBe(delivered.length);
        expect(new Set(delivered)).toEqual(appended);
        for (let i = 1; i < collector.events.length; i++) {
          expect(collector.events[i].position).toBeGreaterThan(collector.events[i - 1].position);
        }
        const lastRevision = new Map<string, bigint>();
        for (const e of collector.events) {
          expect(e.revision).toBe((lastRevision.get(e.streamId) ?? -1n) + 1n);
          lastRevision.set(e.streamId, e.revision);
        }
      });
    });
  });
}
