import type { Admin, Kafka } from 'kafkajs';

const SERVED_TIMEOUT_MS = 30_000;

/**
 * Creates the topics that are missing (the broker's defaults for partitions and replication) and
 * waits until the leader of every partition of each serves it. Producing to a topic the broker is
 * still creating fails that part of a request (and its retry sends the rest twice); subscribing to
 * one fails outright. Safe to call from several clients at once for the same topics.
 */
export async function ensureTopics(
  kafka: Kafka,
  topics: readonly string[],
  timeoutMs = SERVED_TIMEOUT_MS,
): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    // Not kafkajs's waitForLeaders: it gives up at the first "does not host this topic-partition",
    // which a broker answers for a topic just created until its metadata catches up (often while
    // another client creates the same topics). untilServed waits through that answer.
    await admin.createTopics({ topics: topics.map((topic) => ({ topic })), waitForLeaders: false });
    await untilServed(admin, topics, timeoutMs);
  } finally {
    await admin.disconnect().catch(() => undefined);
  }
}

/**
 * A leader in the metadata is not yet a partition served: for a moment after the broker's metadata
 * names it, the leader still refuses produce requests for it. Its answer to a request for the
 * partition's offsets (which only the serving leader gives) is the proof.
 */
async function untilServed(admin: Admin, topics: readonly string[], timeoutMs: number): Promise<void> {
  for (const deadline = Date.now() + timeoutMs; ; await new Promise((resolve) => setTimeout(resolve, 100))) {
    const why = await notServedBecause(admin, topics);
    if (why === null) return;
    if (Date.now() > deadline)
      throw new Error(
        `topics ${topics.join(', ')} are not served by their leaders after ${timeoutMs} ms (last answer: ${why}); ` +
          'check that the brokers run and that this client may describe the topics and read their offsets',
      );
  }
}

/** Why the topics are not all served yet, or null once they are. */
async function notServedBecause(admin: Admin, topics: readonly string[]): Promise<string | null> {
  try {
    const { topics: described } = await admin.fetchTopicMetadata({ topics: [...topics] });
    const partitionsOf = new Map(described.map(({ name, partitions }) => [name, partitions]));
    const leaderless = topics.filter((topic) => {
      const partitions = partitionsOf.get(topic) ?? [];
      return (
        partitions.length === 0 ||
        partitions.some(({ leader, partitionErrorCode }) => leader < 0 || partitionErrorCode !== 0)
      );
    });
    if (leaderless.length > 0) return `no leader yet for every partition of ${leaderless.join(', ')}`;
    await Promise.all(topics.map((topic) => admin.fetchTopicOffsets(topic)));
    return null;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}
