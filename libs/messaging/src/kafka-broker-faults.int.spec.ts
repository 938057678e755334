import { randomUUID } from 'node:crypto';
import { Kafka, logLevel } from 'kafkajs';
import pino from 'pino';
import { PostgresEventStore, type EventStore } from '@app/event-store';
import { outOfOrder, readTopics } from '../../../test/messaging/kafka-consumer';
import { startKafkaBroker, type KafkaBroker } from '../../../test/support/kafka-broker';
import { createTestDatabase, type TestDatabase } from '../../../test/support/test-database';
import { RecentEvents, runEventConsumer, type RunningConsumer } from './event-consumer';
import { KafkaRelay, type RelayObserver } from './kafka-relay';
import { migrateMessaging, readCheckpoint } from './relay-store';

/**
 * The relay and the consumer kit against a real Apache Kafka 4 broker (the test run's, or one of
 * this file's own where the broker has to stop). Kafka 4 removed the oldest protocol versions
 * (KIP-896); these tests are also the proof that the kafkajs calls we use (produce with acks=all,
 * auto-created topics, consumer groups with manual commits and rebalances, admin topic creation
 * and offsets) negotiate versions it still serves.
 */
const ACCOUNTS = ['acme', 'globex', 'initech', 'umbrella', 'hooli', 'stark'];
let db: TestDatabase;
let store: PostgresEventStore;

beforeAll(async () => {
  db = await createTestDatabase(12);
  await PostgresEventStore.migrate(db.pool);
  await migrateMessaging(db.pool);
  store = new PostgresEventStore(db.pool, { listenConnectionString: db.url });
});

afterAll(async () => {
  await store.close();
  await db.drop();
});

/** Appends `count` notes round-robin over the accounts' tickets; returns their event ids in log order. */
async function appendNotes(count: number, body = (i: number) => `note ${i}`): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < count; i += 1) {
    const accountId = ACCOUNTS[i % ACCOUNTS.length];
    const eventId = randomUUID();
    ids.push(eventId);
    await store.append(
      `ticket-${accountId}-${i % 12}`,
      [
        {
          eventId,
          type: 'NoteAdded',
          data: { ticketId: `${accountId}-${i % 12}`, accountId, noteId: eventId, authorId: 'agent-1', body: body(i) },
        },
      ],
      'any',
    );
  }
  return ids;
}

const counting = () => {
  const counts = { produceFailures: 0, deadLettered: 0 };
  const observer: RelayObserver = {
    produced: () => undefined,
    deadLettered: (n) => void (counts.deadLettered += n),
    produceFailed: () => void (counts.produceFailures += 1),
    leadership: () => undefined,
  };
  return { counts, observer };
};

function relayTo(brokers: string, name: string, observer: RelayObserver, maxMessageBytes = 1_000_000): KafkaRelay {
  const kafka = new Kafka({ clientId: `relay-${name}`, brokers: [brokers], logLevel: logLevel.NOTHING });
  return new KafkaRelay(
    store as EventStore,
    db.pool,
    kafka,
    { name, prefix: name, batchSize: 50, maxMessageBytes, leaderPollMs: 50, retryMs: 100, connectionString: db.url },
    pino({ level: 'silent' }),
    observer,
  );
}

async function waitFor(what: string, condition: () => Promise<boolean> | boolean, timeoutMs = 90_000): Promise<void> {
  for (
    const deadline = Date.now() + timeoutMs;
    !(await condition());
    await new Promise((resolve) => setTimeout(resolve, 50))
  ) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
  }
}

const relayedTo = (name: string) => async () =>
  (await readCheckpoint(db.pool, name)).position >= (await store.headPosition());
const topicsOf = (prefix: string) => ['accounts', 'tickets', 'sla', 'dlq'].map((kind) => `${prefix}.${kind}`);

describe('the relay while its broker stops and starts again', () => {
  let broker: KafkaBroker;
  beforeAll(async () => {
    broker = await startKafkaBroker();
  });
  afterAll(async () => {
    await broker?.remove();
  });

  it('retries for as long as the broker is down, then produces everything in order: no gap, nothing skipped', async () => {
    const name = `restart${randomUUID().slice(0, 6)}`;
    const { counts, observer } = counting();
    const before = await appendNotes(600);
    const relay = relayTo(broker.brokers, name, observer);
    relay.start();
    try {
      await waitFor('the relay to produce', async () => (await readCheckpoint(db.pool, name)).position > 0n);
      await broker.stop();
      const during = await appendNotes(300);
      await waitFor('the relay to fail against the stopped broker', () => counts.produceFailures > 0);
      const stalledAt = (await readCheckpoint(db.pool, name)).position;
      await broker.restart();
      const after = await appendNotes(300);
      await waitFor('the relay to reach the head after the restart', relayedTo(name));
      expect(stalledAt).toBeLessThan(await store.headPosition());

      const reader = await readTopics(broker.brokers, topicsOf(name));
      const received = await reader.drained();
      await reader.stop();
      const delivered = new Set(received.map((message) => message.headers.ce_id));
      expect([...before, ...during, ...after].filter((id) => !delivered.has(id))).toEqual([]);
      expect(outOfOrder(received)).toEqual([]);
      expect(counts.deadLettered).toBe(0);
    } finally {
      await relay.stop();
    }
  }, 240_000);
});

describe('the relay and the consumer kit on the test run broker', () => {
  const brokers = () => process.env.TEST_KAFKA_BROKERS as string;

  it("sends a message over its topic's max.message.bytes to the DLQ and goes on with the rest", async () => {
    const name = `large${randomUUID().slice(0, 6)}`;
    const admin = new Kafka({ clientId: 'admin', brokers: [brokers()], logLevel: logLevel.NOTHING }).admin();
    await admin.connect();
    await admin.createTopics({
      topics: [
        { topic: `${name}.tickets`, numPartitions: 4, configEntries: [{ name: 'max.message.bytes', value: '65536' }] },
      ],
      waitForLeaders: true,
    });
    await admin.disconnect();
    const head = await store.headPosition();
    await db.pool.query('INSERT INTO messaging.relay (name, position) VALUES ($1, $2)', [name, head.toString()]);
    const ids = await appendNotes(60, (i) => (i === 17 ? 'x'.repeat(200_000) : `note ${i}`));
    const { counts, observer } = counting();
    const relay = relayTo(brokers(), name, observer);
    relay.start();
    try {
      await waitFor('the relay to reach the head', relayedTo(name));
    } finally {
      await relay.stop();
    }
    const reader = await readTopics(brokers(), topicsOf(name));
    const received = await reader.drained();
    await reader.stop();
    const dlq = received.filter((message) => message.topic === `${name}.dlq`);
    expect(dlq.map((message) => [message.headers.ce_id, message.headers.dlq_original_topic])).toEqual([
      [ids[17], `${name}.tickets`],
    ]);
    expect(['MESSAGE_TOO_LARGE', 'RECORD_LIST_TOO_LARGE']).toContain(dlq[0].headers.dlq_error_code);
    const onTopic = new Set(
      received.filter((message) => message.topic === `${name}.tickets`).map((message) => message.headers.ce_id),
    );
    expect(ids.filter((id, i) => i !== 17 && !onTopic.has(id))).toEqual([]);
    expect(counts.deadLettered).toBe(1);
    expect((await readCheckpoint(db.pool, name)).deadLettered).toBe(1);
  }, 120_000);

  it('two consumers of one group through two rebalances (one joins, one leaves): each event handled once', async () => {
    const name = `group${randomUUID().slice(0, 6)}`;
    const head = await store.headPosition();
    await db.pool.query('INSERT INTO messaging.relay (name, position) VALUES ($1, $2)', [name, head.toString()]);
    const ids = await appendNotes(1_200);
    const relay = relayTo(brokers(), name, counting().observer);
    relay.start();
    try {
      await waitFor('the relay to reach the head', relayedTo(name));
    } finally {
      await relay.stop();
    }
    // The members share where they record what they handled, as two replicas of a service share its database.
    const seen = new RecentEvents();
    const handledBy = new Map<string, string[]>();
    const kafka = new Kafka({ clientId: 'kit', brokers: [brokers()], logLevel: logLevel.NOTHING });
    const member = (id: string): Promise<RunningConsumer> =>
      runEventConsumer({
        kafka,
        groupId: name,
        topics: [`${name}.tickets`],
        dlqTopic: `${name}.kit-dlq`,
        seen,
        handle: async (event) => {
          handledBy.set(event.id, [...(handledBy.get(event.id) ?? []), id]);
          await new Promise((resolve) => setTimeout(resolve, 10)); // a handler that takes time, so rebalances land mid-stream
        },
      });
    const first = await member('first');
    await waitFor('the first member to handle events', () => handledBy.size >= 100);
    const second = await member('second');
    await waitFor('the second member to handle events', () =>
      [...handledBy.values()].some((by) => by.includes('second')),
    );
    await first.stop();
    await waitFor('every event to be handled', () => handledBy.size >= ids.length);
    await second.stop();
    expect(ids.filter((id) => !handledBy.has(id))).toEqual([]);
    expect([...handledBy].filter(([, by]) => by.length !== 1)).toEqual([]);
    expect(new Set([...handledBy.values()].flat())).toEqual(new Set(['first', 'second']));
  }, 180_000);
});
