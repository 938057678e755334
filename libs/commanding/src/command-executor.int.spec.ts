import { RuleViolationError, type Decider } from '@app/domain';
import { EventStoreDbEventStore, PostgresEventStore, type EventStore } from '@app/event-store';
import { EventStoreDbStandIn } from '../../../test/eventstoredb/eventstoredb-stand-in';
import { createTestDatabase } from '../../../test/support/test-database';
import type { CommandMeta } from './command-context';
import { PreconditionFailedError, WriteConflictError } from './command-errors';
import { CommandExecutor } from './command-executor';

type Door = { exists: boolean; open: boolean; openings: number };
type DoorEvent = { type: 'Opened' | 'Closed'; data: { at: string } };
/** A door: opening an open door changes nothing; closing a closed door is refused. */
const door: Decider<'open' | 'close', DoorEvent, Door> = {
  initialState: { exists: false, open: false, openings: 0 },
  evolve: (state, event) => ({
    exists: true,
    open: event.type === 'Opened',
    openings: state.openings + (event.type === 'Opened' ? 1 : 0),
  }),
  decide: (command, state) => {
    if (command === 'open') return state.open ? [] : [{ type: 'Opened', data: { at: 'now' } }];
    if (!state.open) throw new RuleViolationError('already_closed', 'the door is closed');
    return [{ type: 'Closed', data: { at: 'now' } }];
  },
};
const meta: CommandMeta = {
  actor: { kind: 'system', id: 'test' },
  correlationId: 'c',
  causationId: 'c',
  source: 'test',
};
const clock = { now: () => new Date('2026-06-01T10:00:00Z') };
const outcomes: string[] = [];
const observer = {
  completed: (_aggregate: string, outcome: string) => void outcomes.push(outcome),
  retried: () => undefined,
};

/** Each store with its teardown: the executor's guarantees must hold on both (EventStoreDB keeps ids unique only where expected). */
const STORES: Array<[string, () => Promise<{ store: EventStore; stop(): Promise<void> }>]> = [
  [
    'PostgreSQL',
    async () => {
      const db = await createTestDatabase(12);
      await PostgresEventStore.migrate(db.pool);
      const store = new PostgresEventStore(db.pool);
      return { store, stop: async () => (await store.close(), await db.drop()) };
    },
  ],
  [
    'EventStoreDB (stand-in)',
    async () => {
      const server = await new EventStoreDbStandIn().start();
      const store = new EventStoreDbEventStore(server.connectionString);
      return { store, stop: async () => (await store.close(), await server.stop()) };
    },
  ],
];

describe.each(STORES)('CommandExecutor on %s', (_, open) => {
  let store: EventStore;
  let stop: () => Promise<void>;
  /** Two executors on one store: two API processes, each with its own cache. */
  let a: CommandExecutor;
  let b: CommandExecutor;
  let stream = 0;
  const next = () => `door-${(stream += 1)}`;
  const run = (executor: CommandExecutor, id: string, command: 'open' | 'close', extra: Partial<CommandMeta> = {}) =>
    executor.execute(id, door, () => command, { ...meta, ...extra });
  const types = async (id: string) => (await store.readStream(id)).map((event) => event.type);

  beforeAll(async () => {
    ({ store, stop } = await open());
    a = new CommandExecutor(store, 3, clock, 100, observer);
    b = new CommandExecutor(store, 3, clock, 100, observer);
  });

  afterAll(async () => {
    await stop();
  });

  it('records metadata with the clock instant and answers with revision and position', async () => {
    const id = next();
    const result = await run(a, id, 'open');
    expect(result).toEqual({ streamId: id, revision: 0n, position: expect.any(BigInt), appended: 1 });
    const [event] = await store.readStream(id);
    expect(event.metadata).toEqual({
      schemaVersion: 1,
      occurredAt: '2026-06-01T10:00:00.000Z',
      actor: { kind: 'system', id: 'test' },
      correlationId: 'c',
      causationId: 'c',
      accountId: null,
      source: 'test',
    });
  });

  it('decides again on fresh state when another process wrote after this one cached the stream', async () => {
    const id = next();
    await run(a, id, 'open');
    await run(b, id, 'close');
    // a's cache says open; the stream is closed. Its close must not pass (already closed) …
    await expect(run(a, id, 'close')).rejects.toMatchObject({ code: 'already_closed' });
    // … and its open must append, not answer "nothing to do".
    expect((await run(a, id, 'open')).appended).toBe(1);
    expect(outcomes.slice(-4)).toEqual(['appended', 'appended', 'refused', 'appended']);
    expect(await types(id)).toEqual(['Opened', 'Closed', 'Opened']);
  });

  it("a stream's current state, for another command's facts, is the log's: what others appended since this process saw it, and nothing of a stream that does not exist", async () => {
    const id = next();
    expect(await a.current(id, door)).toEqual(door.initialState);
    await run(a, id, 'open');
    await run(b, id, 'close');
    await run(b, id, 'open');
    expect(await a.current(id, door)).toEqual({ exists: true, open: true, openings: 2 });
    await run(b, id, 'close');
    expect(await a.current(id, door)).toEqual({ exists: true, open: false, openings: 2 });
    expect(await b.current(id, door)).toEqual({ exists: true, open: false, openings: 2 });
  });

  it('a refusal decided on a stale cache is checked against the stream', async () => {
    const id = next();
    await run(a, id, 'open');
    await run(a, id, 'close');
    await run(b, id, 'open');
    expect((await run(a, id, 'close')).appended).toBe(1);
    expect(await types(id)).toEqual(['Opened', 'Closed', 'Opened', 'Closed']);
  });

  it('creates a stream it knows nothing of without reading it, and decides on the stream when it exists after all', async () => {
    // The streams the executor reads (an adapter's own reads, as EventStoreDB's of a chain's tail, aside).
    const reads: string[] = [];
    const watched = new Proxy(store, {
      get: (target, key) => {
        if (key === 'readStream')
          return (id: string, options?: object) => (reads.push(id), target.readStream(id, options));
        const value: unknown = Reflect.get(target, key);
        return typeof value === 'function' ? (value as () => unknown).bind(target) : value;
      },
    });
    const fresh = new CommandExecutor(watched, 3, clock, 100, observer);
    const created = next();
    expect(await run(fresh, created, 'open')).toMatchObject({ revision: 0n, appended: 1 });
    expect(reads).toEqual([]);

    // This executor has never seen this door: "open" on a new door would append, but it exists and is open.
    const existing = next();
    await run(a, existing, 'open');
    expect(await run(fresh, existing, 'open')).toMatchObject({ revision: 0n, appended: 0 });
    // "close" on a new door is refused, but this one is open.
    const other = next();
    await run(a, other, 'open');
    expect(await run(fresh, other, 'close')).toMatchObject({ revision: 1n, appended: 1 });
    expect(reads).toEqual([existing, other]);
    expect(await types(existing)).toEqual(['Opened']);
    expect(await types(other)).toEqual(['Opened', 'Closed']);
  });

  it('If-Match compares with the stream, not with a stale cache', async () => {
    const id = next();
    await run(a, id, 'open');
    await run(b, id, 'close');
    expect((await run(a, id, 'open', { expectedRevision: 1n })).revision).toBe(2n);
    await expect(run(a, id, 'close', { expectedRevision: 1n })).rejects.toBeInstanceOf(PreconditionFailedError);
    expect(await types(id)).toEqual(['Opened', 'Closed', 'Opened']);
  });

  it('concurrent writers through both executors: every accepted command is recorded once, in order', async () => {
    const id = next();
    await run(a, id, 'open');
    const results = await Promise.allSettled(
      Array.from({ length: 30 }, (_, i) => run(i % 2 ? a : b, id, i % 3 === 0 ? 'close' : 'open')),
    );
    const accepted = results
      .filter((result) => result.status === 'fulfilled')
      .map((result) => (result as PromiseFulfilledResult<{ appended: number; revision: bigint }>).value);
    const refused = results
      .filter((result) => result.status === 'rejected')
      .map((result) => (result as PromiseRejectedResult).reason);
    expect(refused.every((reason) => reason instanceof WriteConflictError || reason.code === 'already_closed')).toBe(
      true,
    );
    const events = await store.readStream(id);
    expect(events.length).toBe(1 + accepted.reduce((sum, result) => sum + result.appended, 0));
    // The folded stream alternates: no decision was made on a state that was not the latest.
    expect(events.every((event, i) => i === 0 || event.type !== events[i - 1].type)).toBe(true);
  });

  it('a keyed retry appends nothing and answers with the first result, even from another process', async () => {
    const id = next();
    const first = await run(a, id, 'open', { eventIdSeed: 'crm:key-1' });
    const retry = await run(b, id, 'open', { eventIdSeed: 'crm:key-1' });
    expect(retry).toMatchObject({ appended: 0, revision: first.revision });
    await run(a, id, 'close');
    const late = await run(b, id, 'open', { eventIdSeed: 'crm:key-1' });
    expect(late).toEqual({ streamId: id, revision: 0n, position: first.position, appended: 0 });
    expect(await types(id)).toEqual(['Opened', 'Closed']);
  });
});
