import type { Admin, Kafka } from 'kafkajs';

const LEADERS_TIMEOUT_MS = 30_000;

/**
 * Creates the topics that are missing (the broker's defaults for partitions and replication) and
 * waits until every partition of each has a leader the broker knows of. Producing to a topic the
 * broker is still creating fails that part of a request (and its retry sends the rest twice);
 * subscribing to one fails outright.
 */
export async function ensureTopics(kafka: Kafka, topics: readonly string[]): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    // One call per topic: a call that finds some of its topics existing waits for none of the others.
    for (const topic of topics) await admin.createTopics({ topics: [{ topic }], waitForLeaders: true });
    await untilLed(admin, topics);
  } finally {
    await admin.disconnect().catch(() => undefined);
  }
}

async function untilLed(admin: Admin, topics: readonly string[]): Promise<void> {
  for (const deadline = Date.now() + LEADERS_TIMEOUT_MS; ; await new Promise((resolve) => setTimeout(resolve, 100))) {
    const led = await admin
      .fetchTopicMetadata({ topics: [...topics] })
      .then((metadata) =>
        metadata.topics.every(
          ({ partitions }) =>
            partitions.length > 0 &&
            partitions.every(({ leader, partitionErrorCode }) => leader >= 0 && partitionErrorCode === 0),
        ),
      )
      .catch(() => false);
    if (led) return;
    if (Date.now() > deadline)
      throw new Error(`topics ${topics.join(', ')} have no leaders after ${LEADERS_TIMEOUT_MS} ms`);
  }
}
