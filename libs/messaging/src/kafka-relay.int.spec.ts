import { randomUUID } from 'node:crypto';
import type { Kafka, ProducerBatch } from 'kafkajs';
import pino from 'pino';
import { PostgresEventStore } from '@app/event-store';
import { createTestDatabase, type TestDatabase } from '../../../test/support/test-database';
import { KafkaRelay } from './kafka-relay';
import { migrateMessaging, readCheckpoint } from './relay-store';

/**
 * The relay's retry and dead-letter logic against a broker that fails on cue (a stand-in for the
 * producer only; the log is real PostgreSQL). The e2e tests run the relay against a real broker.
 */
class FlakyBroker {
  readonly acknowledged: Array<{ topic: string; id: string; dlqCode?: string }> = [];
  transientFailures = 0;
  attempts = 0;
  /** Messages whose value contains this are refused for good, like a broker's MESSAGE_TOO_LARGE. */
  poison = 'POISON';

  kafka(): Kafka {
    const producer = {
      connect: async () => undefined,
      disconnect: async () => undefined,
      sendBatch: async ({ topicMessages }: ProducerBatch) => {
        this.attempts += 1;
        if (this.transientFailures > 0) {
          this.transientFailures -= 1;
          throw Object.assign(new Error('Connection error: ECONNREFUSED'), {
            name: 'KafkaJSConnectionError',
            retriable: true,
          });
        }
        const all = (topicMessages ?? []).flatMap(({ topic, messages }) =>
          messages.map((message) => ({ topic, message })),
        );
        if (all.some(({ topic, message }) => !topic.endsWith('.dlq') && String(message.value).includes(this.poison))) {
          throw Object.assign(
            new Error('The request included a message larger than the max message size the server will accept'),
            { type: 'MESSAGE_TOO_LARGE', retriable: false },
          );
        }
        for (const { topic, message } of all) {
          const headers = message.headers as Record<string, string>;
          this.acknowledged.push({
            topic,
            id: headers.ce_id,
            ...(headers.dlq_error_code ? { dlqCode: headers.dlq_error_code } : {}),
          });
        }
        return [];
      },
    };
    const admin = {
      connect: async () => undefined,
      disconnect: async () => undefined,
      createTopics: async () => true,
      // Every topic exists, its one partition led and served.
      fetchTopicMetadata: async ({ topics }: { topics: string[] }) => ({
        topics: topics.map((name) => ({ name, partitions: [{ partitionId: 0, leader: 1, partitionErrorCode: 0 }] })),
      }),
      fetchTopicOffsets: async () => [{ partition: 0, offset: '0', high: '0', low: '0' }],
    };
    return { producer: () => producer, admin: () => admin } as unknown as Kafka;
  }
}

describe('KafkaRelay', () => {
  let db: TestDatabase;
  let store: PostgresEventStore;
  const failures: unknown[] = [];

  beforeAll(async () => {
    db = await createTestDatabase(8);
    await PostgresEventStore.migrate(db.pool);
    await migrateMessaging(db.pool);
    store = new PostgresEventStore(db.pool, { listenConnectionString: db.url });
  });

  afterAll(async () => {
    await store.close();
    await db.drop();
  });

  const relay = (broker: FlakyBroker, name: string) =>
    new KafkaRelay(
      store,
      db.pool,
      broker.kafka(),
      {
        name,
        prefix: 'p',
        batchSize: 4,
        maxMessageBytes: 10_000,
        leaderPollMs: 50,
        retryMs: 10,
        connectionString: db.url,
      },
      pino({ level: 'silent' }),
      {
        produced: () => undefined,
        deadLettered: () => undefined,
        produceFailed: (error) => void failures.push(error),
        leadership: () => undefined,
      },
    );
  const until = async (condition: () => Promise<boolean>) => {
    for (const deadline = Date.now() + 20_000; !(await condition());) {
      if (Date.now() > deadline) throw new Error('timed out');
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  };

  it('retries a broker that is away for as long as it is away, then produces every event once, in order, and only then checkpoints', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 10; i += 1) {
      const eventId = randomUUID();
      ids.push(eventId);
      await store.append(
        `account-a${i % 3}`,
        [{ eventId, type: 'NpsRecorded', data: { accountId: `a${i % 3}`, score: i } }],
        'any',
      );
    }
    const broker = new FlakyBroker();
    broker.transientFailures = 5;
    const running = relay(broker, 'flaky');
    running.start();
    await until(async () => (await readCheckpoint(db.pool, 'flaky')).position >= (await store.headPosition()));
    await running.stop();
    expect(failures.length).toBeGreaterThanOrEqual(5);
    expect(broker.acknowledged.map((message) => message.id)).toEqual(ids);
  });

  it('sends a message the broker refuses for good to the DLQ in its place and goes on with the rest of the batch', async () => {
    const head = await store.headPosition();
    const ids: string[] = [];
    for (let i = 0; i < 6; i += 1) {
      const eventId = randomUUID();
      ids.push(eventId);
      await store.append(
        'account-b',
        [{ eventId, type: 'NpsRecorded', data: { accountId: 'b', score: i, comment: i === 2 ? 'POISON' : null } }],
        'any',
      );
    }
    const broker = new FlakyBroker();
    const running = relay(broker, 'poison');
    await db.pool.query(`INSERT INTO messaging.relay (name, position) VALUES ('poison', $1)`, [head.toString()]);
    running.start();
    await until(async () => (await readCheckpoint(db.pool, 'poison')).position >= (await store.headPosition()));
    await running.stop();
    expect(broker.acknowledged).toEqual(
      ids.map((id, i) =>
        i === 2 ? { topic: 'p.dlq', id, dlqCode: 'MESSAGE_TOO_LARGE' } : { topic: 'p.accounts', id },
      ),
    );
    expect((await readCheckpoint(db.pool, 'poison')).deadLettered).toBe(1);
  });
});
