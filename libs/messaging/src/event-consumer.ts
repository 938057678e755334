import type { Consumer, Kafka, KafkaMessage, Producer } from 'kafkajs';
import type { Logger } from 'pino';

/**
 * The consumer kit for downstream teams (docs/design.md §7): decode the relay's messages into events, drop
 * duplicates by `ce_id`, commit an offset only after the handler succeeded, and route a message the
 * handler can never process to a DLQ of its choosing.
 */
export interface DeliveredEvent<TData = unknown> {
  /** `ce_id`: the event id, the same on every delivery of this event. */
  id: string;
  type: string;
  /** The stream, e.g. `ticket-42`. */
  subject: string;
  /** Global log position: increases in log order. */
  sequence: bigint;
  time: string;
  source: string;
  correlationId: string | null;
  causationId: string | null;
  schemaVersion: number;
  /** The message key: the account, for every account and ticket event. */
  key: string;
  data: TData;
  topic: string;
  partition: number;
  offset: string;
}

/** Thrown by a handler (or by decoding) for a message that no retry will fix: it goes to the DLQ and the consumer moves on. */
export class PoisonMessageError extends Error {
  constructor(
    message: string,
    /** Where it goes; the consumer's `dlqTopic` when not given. */
    readonly dlqTopic?: string,
  ) {
    super(message);
  }
}

const REQUIRED = ['ce_id', 'ce_type', 'ce_subject', 'ce_sequence', 'ce_time'] as const;

export function decodeEvent(topic: string, partition: number, message: KafkaMessage): DeliveredEvent {
  const headers = Object.fromEntries(
    Object.entries(message.headers ?? {}).map(([name, value]) => [name, value === undefined ? '' : String(value)]),
  );
  const missing = REQUIRED.filter((name) => !headers[name]);
  if (missing.length > 0) throw new PoisonMessageError(`missing CloudEvents headers: ${missing.join(', ')}`);
  if (!/^\d+$/.test(headers.ce_sequence))
    throw new PoisonMessageError(`ce_sequence is not a position: ${headers.ce_sequence}`);
  let data: unknown;
  try {
    data = JSON.parse(message.value?.toString() ?? 'null');
  } catch {
    throw new PoisonMessageError('the value is not JSON');
  }
  return {
    id: headers.ce_id,
    type: headers.ce_type,
    subject: headers.ce_subject,
    sequence: BigInt(headers.ce_sequence),
    time: headers.ce_time,
    source: headers.ce_source ?? '',
    correlationId: headers.ce_correlationid || null,
    causationId: headers.ce_causationid || null,
    schemaVersion: Number(headers.ce_schemaversion ?? '1'),
    key: message.key?.toString() ?? '',
    data,
    topic,
    partition,
    offset: message.offset,
  };
}

/** Which event ids a consumer has handled. Keep it where the handler keeps its effects, to survive restarts. */
export interface SeenEvents {
  has(id: string): Promise<boolean>;
  add(id: string): Promise<void>;
}

/** Remembers the last `capacity` ids in memory: enough for the relay's duplicates, which come close together. */
export class RecentEvents implements SeenEvents {
  private readonly ids = new Set<string>();
  constructor(private readonly capacity = 100_000) {}
  async has(id: string): Promise<boolean> {
    return this.ids.has(id);
  }
  async add(id: string): Promise<void> {
    this.ids.add(id);
    if (this.ids.size > this.capacity) this.ids.delete(this.ids.values().next().value as string);
  }
}

export interface EventConsumerOptions {
  kafka: Kafka;
  groupId: string;
  topics: string[];
  /** Where poison messages go unless the handler names another topic. */
  dlqTopic: string;
  seen?: SeenEvents;
  handle(event: DeliveredEvent): Promise<void>;
  logger?: Logger;
  fromBeginning?: boolean;
}

export interface RunningConsumer {
  consumer: Consumer;
  stop(): Promise<void>;
}

/**
 * Runs a consumer group member. Per partition, messages are handled one at a time in order; after
 * each is handled (or dropped as a duplicate, or sent to the DLQ) its offset is committed, so a
 * crash redelivers only what was not finished. A handler error other than PoisonMessageError
 * stops the batch; kafkajs redelivers from the last commit after a backoff.
 */
export async function runEventConsumer(options: EventConsumerOptions): Promise<RunningConsumer> {
  const seen = options.seen ?? new RecentEvents();
  const consumer = options.kafka.consumer({ groupId: options.groupId, allowAutoTopicCreation: true });
  const producer: Producer = options.kafka.producer({ allowAutoTopicCreation: true, idempotent: false });
  await Promise.all([consumer.connect(), producer.connect()]);
  await consumer.subscribe({ topics: options.topics, fromBeginning: options.fromBeginning ?? true });
  await consumer.run({
    autoCommit: false,
    eachBatchAutoResolve: false,
    eachBatch: async ({ batch, resolveOffset, heartbeat, isRunning, isStale }) => {
      for (const message of batch.messages) {
        if (!isRunning() || isStale()) return;
        let event: DeliveredEvent | undefined;
        try {
          event = decodeEvent(batch.topic, batch.partition, message);
          if (!(await seen.has(event.id))) {
            await options.handle(event);
            await seen.add(event.id);
          }
        } catch (error) {
          if (!(error instanceof PoisonMessageError)) throw error;
          options.logger?.warn(
            { topic: batch.topic, partition: batch.partition, offset: message.offset, reason: error.message },
            'poison message sent to the DLQ',
          );
          await producer.send({
            topic: error.dlqTopic ?? options.dlqTopic,
            acks: -1,
            messages: [
              {
                key: message.key,
                value: message.value,
                headers: {
                  ...message.headers,
                  dlq_error_message: error.message.slice(0, 1000),
                  dlq_original_topic: batch.topic,
                  dlq_consumer_group: options.groupId,
                },
              },
            ],
          });
          if (event) await seen.add(event.id);
        }
        resolveOffset(message.offset);
        await consumer.commitOffsets([
          { topic: batch.topic, partition: batch.partition, offset: (BigInt(message.offset) + 1n).toString() },
        ]);
        await heartbeat();
      }
    },
  });
  return {
    consumer,
    stop: async () => {
      await consumer.disconnect();
      await producer.disconnect();
    },
  };
}
