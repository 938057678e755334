import { randomUUID } from 'node:crypto';
import { Kafka, logLevel, type Consumer } from 'kafkajs';

export interface Received {
  topic: string;
  partition: number;
  key: string;
  value: string;
  headers: Record<string, string>;
}

/** Reads topics from the beginning into memory, for tests. */
export async function readTopics(brokers: string, topics: string[]): Promise<{ received: Received[]; until(count: number, timeoutMs?: number): Promise<Received[]>; stop(): Promise<void> }> {
  const kafka = new Kafka({ clientId: 'test-reader', brokers: brokers.split(','), logLevel: logLevel.NOTHING });
  const consumer: Consumer = kafka.consumer({ groupId: `test-${randomUUID()}`, allowAutoTopicCreation: true });
  const received: Received[] = [];
  await consumer.connect();
  await consumer.subscribe({ topics, fromBeginning: true });
  await consumer.run({
    eachMessage: async ({ topic, partition, message }) => {
      const headers = Object.fromEntries(Object.entries(message.headers ?? {}).map(([name, value]) => [name, String(value)]));
      received.push({ topic, partition, key: String(message.key), value: String(message.value), headers });
    },
  });
  return {
    received,
    async until(count, timeoutMs = 60_000) {
      for (const deadline = Date.now() + timeoutMs; received.length < count && Date.now() < deadline; ) await new Promise((resolve) => setTimeout(resolve, 50));
      return received;
    },
    stop: () => consumer.disconnect(),
  };
}
