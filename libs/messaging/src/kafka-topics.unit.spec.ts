import type { Kafka } from 'kafkajs';
import { ensureTopics } from './kafka-topics';

type Answer = 'unknown' | 'leaderless' | 'served';

/** A broker's admin whose metadata and offsets answers follow the scripts, then stay on their last. */
function brokerAnswering(metadata: Answer[], offsets: Array<'refused' | 'served'>) {
  const calls = { created: [] as string[], metadata: 0, offsets: 0, disconnected: false };
  const next = <T>(script: T[], call: number): T => script[Math.min(call, script.length - 1)];
  const admin = {
    connect: async () => undefined,
    disconnect: async () => void (calls.disconnected = true),
    createTopics: async ({ topics }: { topics: Array<{ topic: string }> }) => {
      calls.created.push(...topics.map(({ topic }) => topic));
      return true;
    },
    fetchTopicMetadata: async ({ topics }: { topics: string[] }) => {
      const answer = next(metadata, calls.metadata++);
      if (answer === 'unknown') throw new Error('This server does not host this topic-partition');
      const leader = answer === 'served' ? 1 : -1;
      return {
        topics: topics.map((name) => ({ name, partitions: [{ partitionId: 0, leader, partitionErrorCode: 0 }] })),
      };
    },
    fetchTopicOffsets: async () => {
      if (next(offsets, calls.offsets++) === 'refused')
        throw new Error('This server is not the leader for that topic-partition');
      return [{ partition: 0, offset: '0', high: '0', low: '0' }];
    },
  };
  return { kafka: { admin: () => admin } as unknown as Kafka, calls };
}

describe('ensureTopics', () => {
  const topics = ['p.accounts', 'p.tickets'];

  it('waits through unknown topics, leaderless partitions and a leader not serving yet', async () => {
    const { kafka, calls } = brokerAnswering(['unknown', 'leaderless', 'served'], ['refused', 'served']);
    await ensureTopics(kafka, topics);
    expect(calls).toEqual({ created: topics, metadata: 4, offsets: 4, disconnected: true });
  });

  it('gives up after its timeout naming the topics, the broker’s last answer and what to check', async () => {
    const { kafka, calls } = brokerAnswering(['served'], ['refused']);
    await expect(ensureTopics(kafka, topics, 250)).rejects.toThrow(
      /^topics p\.accounts, p\.tickets are not served by their leaders after 250 ms \(last answer: This server is not the leader for that topic-partition\); check that the brokers run/,
    );
    expect(calls.disconnected).toBe(true);
  });
});
