import { Kafka, logLevel } from 'kafkajs';
import { erasureIn, runEventConsumer, PoisonMessageError } from '@app/messaging';
import { createLogger } from '@app/observability';
import { NdjsonSink } from './ndjson-sink';

/**
 * The analytics sink, an example downstream service on the consumer kit: every event of the topics
 * as daily NDJSON files per topic, the shape analytics pipelines load; an erasure event erases the
 * same personal data from the files kept so far. Configuration (environment):
 * KAFKA_BROKERS (required), KAFKA_TOPIC_PREFIX (`support`), SINK_DIR (`./analytics`), SINK_GROUP_ID
 * (`analytics-sink`), SINK_TOPICS (`accounts,tickets,sla`), LOG_LEVEL (`info`).
 */
async function main(): Promise<void> {
  const env = process.env;
  const logger = createLogger(env.LOG_LEVEL ?? 'info', 'analytics-sink');
  if (!env.KAFKA_BROKERS) throw new Error('KAFKA_BROKERS is required (host:port,…)');
  const prefix = env.KAFKA_TOPIC_PREFIX ?? 'support';
  const topics = (env.SINK_TOPICS ?? 'accounts,tickets,sla').split(',').map((kind) => `${prefix}.${kind.trim()}`);
  const dir = env.SINK_DIR ?? './analytics';
  const sink = new NdjsonSink(dir);
  const kafka = new Kafka({
    clientId: 'analytics-sink',
    brokers: env.KAFKA_BROKERS.split(','),
    logLevel: logLevel.WARN,
  });
  const consumer = await runEventConsumer({
    kafka,
    groupId: env.SINK_GROUP_ID ?? 'analytics-sink',
    topics,
    dlqTopic: `${prefix}.analytics-sink.dlq`,
    logger,
    handle: async (event) => {
      if (event.data === null || typeof event.data !== 'object')
        throw new PoisonMessageError('the payload is not a JSON object');
      await sink.write(event);
      const erasure = erasureIn(event);
      if (erasure) logger.info({ accountId: erasure.accountId, lines: await sink.erase(erasure) }, 'erasure applied');
    },
  });
  logger.info({ topics, dir }, 'analytics sink consuming');
  const stop = async () => {
    await consumer.stop();
    process.exit(0);
  };
  process.once('SIGTERM', () => void stop());
  process.once('SIGINT', () => void stop());
}

main().catch((error: unknown) => {
  process.stderr.write(`analytics sink failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
