import { randomUUID } from 'node:crypto';
import { EventStoreDbStandIn } from '../../../../test/eventstoredb/eventstoredb-stand-in';
import { LogWindow } from '../../../../test/eventstoredb/log-window';
import { EventStoreUnavailableError } from '../event-store.errors';
import { eventStoreConformance } from '../event-store.conformance';
import type { RecordedEvent } from '../event-store.port';
import { EventStoreDbEventStore } from './eventstoredb-event-store';

/**
 * The adapter through the real client over gRPC: against a real EventStoreDB / KurrentDB when
 * EVENTSTORE_CONNECTION_STRING is set, otherwise against the stand-in under test/ (one server per
 * file, so every test after the first starts on a log that is not empty, as on a real server).
 */
const given = process.env.EVENTSTORE_CONNECTION_STRING;
let standIn: EventStoreDbStandIn | undefined;
let connectionString: string;

beforeAll(async () => {
  if (!given) standIn = await new EventStoreDbStandIn().start();
  connectionString = given ?? standIn!.connectionString;
});

afterAll(async () => {
  await standIn?.stop();
});

eventStoreConformance(given ? 'EventStoreDB' : 'EventStoreDB (gRPC stand-in)', async (options) => {
  const adapter = new EventStoreDbEventStore(connectionString, options);
  const store = await LogWindow.over(adapter);
  return { store, teardown: () => store.close() };
});

describe('EventStoreDB adapter', () => {
  let store: EventStoreDbEventStore;

  beforeEach(() => {
    store = new EventStoreDbEventStore(connectionString);
  });

  afterEach(async () => {
    await store.close();
  });

  it('leaves out system events on reads, the head and subscriptions', async () => {
    const before = await store.headPosition();
    const id = `ticket-${randomUUID()}`;
    await store.append(id, [{ eventId: randomUUID(), type: 'TicketOpened', data: { n: 1 } }], 'no_stream');
    if (standIn) standIn.appendSystemEvent('$stats-127.0.0.1:2113', '$statsCollected');
    const { position } = await store.append(id, [{ eventId: randomUUID(), type: 'TicketReplied', data: { n: 2 } }], 0n);
    if (standIn) standIn.appendSystemEvent('$stats-127.0.0.1:2113', '$statsCollected');
    const read = await store.readAll({ after: before });
    expect(read.map((e) => e.type)).toEqual(['TicketOpened', 'TicketReplied']);
    expect(await store.headPosition()).toBe(position);
    const delivered: RecordedEvent[] = [];
    const subscription = store.subscribeToAll({ after: before }, async (batch) => void delivered.push(...batch));
    await waitFor(() => delivered.length === 2);
    await subscription.stop();
    expect(delivered.map((e) => e.type)).toEqual(['TicketOpened', 'TicketReplied']);
  });

  it('resumes a subscription from its position after the server went away, each event once', async () => {
    if (!standIn) return expect(given).toBeDefined();
    const before = await store.headPosition();
    const delivered: RecordedEvent[] = [];
    const subscription = store.subscribeToAll(
      { after: before, batchSize: 7 },
      async (batch) => void delivered.push(...batch),
    );
    const appended: string[] = [];
    const appendSome = async (n: number): Promise<void> => {
      for (let i = 0; i < n; i++) {
        const eventId = randomUUID();
        await store.append(`ticket-${randomUUID()}`, [{ eventId, type: 'T', data: { i } }], 'no_stream');
        appended.push(eventId);
      }
    };
    await appendSome(20);
    await waitFor(() => delivered.length === 20);
    await standIn.restart(300);
    await appendSome(20);
    await waitFor(() => delivered.length >= 40);
    await subscription.stop();
    expect(delivered.map((e) => e.eventId)).toEqual(appended);
  });

  it('answers with a typed unavailable error while the server is away', async () => {
    const away = new EventStoreDbEventStore('esdb://127.0.0.1:1?tls=false');
    const error = await away
      .append(`ticket-${randomUUID()}`, [{ eventId: randomUUID(), type: 'T', data: {} }], 'any')
      .catch((e: unknown) => e);
    await away.close();
    expect(error).toBeInstanceOf(EventStoreUnavailableError);
  });
});

async function waitFor(condition: () => boolean): Promise<void> {
  const deadline = Date.now() + 20_000;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
