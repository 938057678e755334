import { randomUUID } from 'node:crypto';
import { Kafka, logLevel, type Consumer } from 'kafkajs';
import { ensureTopics } from '../../libs/messaging/src';

export interface Received {
  topic: string;
  partition: number;
  offset: string;
  key: string;
  value: string;
  headers: Record<string, string>;
}

export interface TopicReader {
  received: Received[];
  until(count: number, timeoutMs?: number): Promise<Received[]>;
  /** Waits until everything the topics held when called has been read: what is missing then was never on the broker. */
  drained(timeoutMs?: number): Promise<Received[]>;
  stop(): Promise<void>;
}

/** Reads topics from the beginning into memory, for tests. */
export async function readTopics(brokers: string, topics: string[]): Promise<TopicReader> {
  const kafka = new Kafka({ clientId: 'test-reader', brokers: brokers.split(','), logLevel: logLevel.NOTHING });
  const consumer: Consumer = kafka.consumer({ groupId: `test-${randomUUID()}`, allowAutoTopicCreation: true });
  const received: Received[] = [];
  const nextOffsets = new Map<string, bigint>();
  // A topic nothing was produced to yet (a DLQ, say) is created empty: subscribing to a missing one fails.
  await ensureTopics(kafka, topics);
  await consumer.connect();
  await consumer.subscribe({ topics, fromBeginning: true });
  await consumer.run({
    eachMessage: async ({ topic, partition, message }) => {
      const headers = Object.fromEntries(
        Object.entries(message.headers ?? {}).map(([name, value]) => [name, String(value)]),
      );
      received.push({
        topic,
        partition,
        offset: message.offset,
        key: String(message.key),
        value: String(message.value),
        headers,
      });
      nextOffsets.set(`${topic}/${partition}`, BigInt(message.offset) + 1n);
    },
  });
  return {
    received,
    async until(count, timeoutMs = 60_000) {
      for (const deadline = Date.now() + timeoutMs; received.length < count && Date.now() < deadline;)
        await new Promise((resolve) => setTimeout(resolve, 50));
      return received;
    },
    async drained(timeoutMs = 120_000) {
      const admin = kafka.admin();
      await admin.connect();
      const ends = (
        await Promise.all(
          topics.map(async (topic) =>
            (await admin.fetchTopicOffsets(topic)).map(({ partition, high }) => ({
              key: `${topic}/${partition}`,
              end: BigInt(high),
            })),
          ),
        )
      ).flat();
      await admin.disconnect();
      const behind = () => ends.filter(({ key, end }) => (nextOffsets.get(key) ?? 0n) < end);
      for (
        const deadline = Date.now() + timeoutMs;
        behind().length > 0;
        await new Promise((resolve) => setTimeout(resolve, 50))
      ) {
        if (Date.now() > deadline)
          throw new Error(
            `the test reader did not reach the end of ${behind()
              .map(({ key, end }) => `${key} (offset ${end})`)
              .join(', ')} in ${timeoutMs} ms`,
          );
      }
      return received;
    },
    stop: () => consumer.disconnect(),
  };
}

/** Per topic and key, the first deliveries' positions must rise: redeliveries only repeat a tail. */
export function outOfOrder(received: Received[]): string[] {
  const seen = new Set<string>();
  const lanes = new Map<string, string>();
  const wrong: string[] = [];
  for (const message of received) {
    if (seen.has(message.headers.ce_id)) continue;
    seen.add(message.headers.ce_id);
    const lane = `${message.topic}|${message.key}`;
    if (message.headers.ce_sequence <= (lanes.get(lane) ?? '')) wrong.push(`${lane} ${message.headers.ce_sequence}`);
    lanes.set(lane, message.headers.ce_sequence);
  }
  return wrong;
}
