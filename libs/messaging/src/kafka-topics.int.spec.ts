import { randomUUID } from 'node:crypto';
import { Kafka, logLevel, type Producer } from 'kafkajs';
import { ensureTopics } from './kafka-topics';

/**
 * The relay and a consumer (or two relays) start together and ensure the same topics, and the relay
 * produces at once. A broker answers "does not host this topic-partition" for a topic its controller
 * has just created until its own metadata catches up, and refuses produce requests for a moment after
 * its metadata names the leader. kafkajs's waitForLeaders gave up on the first (ensureTopics failed in
 * a few of every hundred such starts); waiting for the metadata alone let the relay's first batch
 * fail in part and its retry send the rest twice.
 */
describe('ensureTopics against a real broker', () => {
  const brokers = () => (process.env.TEST_KAFKA_BROKERS as string).split(',');
  const PARTITIONS = [0, 1, 2, 3]; // infra/kafka/broker.sh: num.partitions=4
  const clients = [1, 2, 3, 4].map(
    (n) => new Kafka({ clientId: `ensure-${n}`, brokers: brokers(), logLevel: logLevel.NOTHING }),
  );
  let producer: Producer;

  beforeAll(async () => {
    // No retry: a partition not yet served fails the send instead of being hidden by a second one.
    producer = clients[0].producer({ allowAutoTopicCreation: false, retry: { retries: 0 } });
    await producer.connect();
  });

  afterAll(async () => {
    await producer.disconnect();
  });

  const produceToEveryPartition = (topics: string[]) =>
    producer.sendBatch({
      acks: -1,
      topicMessages: topics.map((topic) => ({
        topic,
        messages: PARTITIONS.map((partition) => ({ partition, value: topic })),
      })),
    });

  it('returns for every client that ensures the same fresh topics at once, each partition served', async () => {
    const failures: string[] = [];
    const created: string[] = [];
    for (let round = 0; round < 30; round += 1) {
      const prefix = `ensure-${randomUUID().slice(0, 8)}`;
      const topics = ['accounts', 'tickets', 'sla', 'dlq', 'a', 'b'].map((kind) => `${prefix}.${kind}`);
      created.push(...topics);
      const calls = await Promise.allSettled(clients.map((kafka) => ensureTopics(kafka, topics)));
      for (const call of calls) if (call.status === 'rejected') failures.push(`round ${round}: ${String(call.reason)}`);
      await produceToEveryPartition(topics).catch((error: unknown) =>
        failures.push(`round ${round} produce: ${String(error)}`),
      );
    }
    expect(failures).toEqual([]);

    const admin = clients[0].admin();
    await admin.connect();
    const offsets = await Promise.all(created.map((topic) => admin.fetchTopicOffsets(topic)));
    await admin.disconnect();
    const wrong = created.filter((_, i) => offsets[i].map(({ high }) => high).join() !== '1,1,1,1');
    expect({ topics: offsets.length, wrong }).toEqual({ topics: created.length, wrong: [] });
  }, 120_000);
});
