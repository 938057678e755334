import type { Pool } from 'pg';
import { roleLeadership, type Leadership, type LeaderSession } from '@app/database';
import type { Logger } from 'pino';
import type { Kafka, Producer } from 'kafkajs';
import type { EventStore, RecordedEvent, Subscription } from '@app/event-store';
import { messageBytes, TOPIC_KINDS, toMessage, type OutgoingMessage } from './kafka-message';
import { ensureTopics } from './kafka-topics';
import { advanceCheckpoint, readCheckpoint } from './relay-store';

/** Advisory-lock class of relay leadership (object id: hashtext(name)); one relay leads per name. */
export const RELAY_LOCK_CLASS = 1380273228;

export interface RelayOptions {
  /** Checkpoint row and leadership key. */
  name: string;
  prefix: string;
  batchSize: number;
  /** Larger messages can never be produced: they go to the DLQ in their place. */
  maxMessageBytes: number;
  leaderPollMs: number;
  /** First wait after a failed produce; doubles up to 30 s, never gives up. */
  retryMs: number;
  connectionString: string;
}

export interface RelayObserver {
  produced(messages: OutgoingMessage[], position: bigint, lastRecordedAt: Date): void;
  deadLettered(count: number): void;
  produceFailed(error: unknown): void;
  leadership(leader: boolean): void;
}

/** The checkpoint moved under the relay (an operator reset): start again from the stored one. */
class Resync extends Error {}

/** Broker answers that no retry can change: the message itself is at fault. */
const PERMANENT = new Set([
  'MESSAGE_TOO_LARGE',
  'INVALID_RECORD',
  'CORRUPT_MESSAGE',
  'RECORD_LIST_TOO_LARGE',
  'INVALID_REQUIRED_ACKS',
  'UNSUPPORTED_FOR_MESSAGE_FORMAT',
]);
const errorType = (error: unknown): string | undefined =>
  (error as { type?: string } | null)?.type ?? (error as { cause?: { type?: string } } | null)?.cause?.type;
const isPermanent = (error: unknown): boolean => PERMANENT.has(errorType(error) ?? '');

/**
 * The Kafka relay (docs/design.md §7): one leader across processes (advisory lock on a session of its own;
 * a standby takes over when it dies) reads the log from its checkpoint and produces each batch with
 * `acks: all`, in log order (one request in flight), and stores the checkpoint only after the broker
 * acknowledged: at least once, never a gap. Transient broker errors are retried with backoff for as
 * long as they last. A message the broker can never take (too large, invalid) goes to the DLQ with
 * error headers instead, is counted, and the relay moves on.
 */
/** Whether the leader reaches its brokers: an operator's first question when the relay lags. */
export interface BrokerState {
  state: 'not_leader' | 'connecting' | 'connected' | 'unreachable';
  since: Date;
  error?: string;
}

export class KafkaRelay {
  broker: BrokerState = { state: 'not_leader', since: new Date() };
  private subscription?: Subscription;
  private readonly leadership: Leadership;

  constructor(
    private readonly store: EventStore,
    private readonly pool: Pool,
    private readonly kafka: Kafka,
    private readonly options: RelayOptions,
    private readonly logger: Logger,
    private readonly observer: RelayObserver,
  ) {
    this.leadership = roleLeadership(
      {
        role: 'relay',
        key: options.name,
        lockClass: RELAY_LOCK_CLASS,
        connectionString: options.connectionString,
        pollMs: options.leaderPollMs,
        logger: logger.child({ relay: options.name }),
        changed: (leader) => this.observer.leadership(leader),
      },
      (session) => this.lead(session),
    );
  }

  start(): void {
    this.leadership.start();
  }

  async stop(): Promise<void> {
    const stopping = this.leadership.stop();
    await this.subscription?.stop();
    await stopping;
  }

  private async lead(session: LeaderSession): Promise<void> {
    this.logger.info({ relay: this.options.name }, 'relay leader');
    void session.whenLost.then(() => this.subscription?.stop());
    const leads = () => this.leadership.leads(session);
    const producer = this.kafka.producer({
      allowAutoTopicCreation: true,
      maxInFlightRequests: 1,
      idempotent: false,
      retry: { retries: 5, initialRetryTime: 100, maxRetryTime: 5000 },
    });
    // A leader that failed to connect stays unreachable while it tries again.
    if (this.broker.state !== 'unreachable') this.brokerIs('connecting');
    await producer.connect().catch((error: Error) => {
      this.brokerIs('unreachable', error);
      throw error;
    });
    this.brokerIs('connected');
    // Its topics exist before the first produce; without the right to create them, the relay goes on.
    const topics = TOPIC_KINDS.map((kind) => `${this.options.prefix}.${kind}`);
    await ensureTopics(this.kafka, topics).catch((error: unknown) =>
      this.logger.warn({ err: error, topics }, 'relay could not create its topics; producing to them as they are'),
    );
    try {
      while (leads()) {
        let { position } = await readCheckpoint(this.pool, this.options.name);
        this.subscription = this.store.subscribeToAll(
          { after: position, batchSize: this.options.batchSize },
          async (events) => {
            const deadLettered = await this.publish(producer, events, session);
            const last = events[events.length - 1];
            if (
              !(await advanceCheckpoint(
                this.pool,
                this.options.name,
                position,
                last.position,
                last.recordedAt,
                deadLettered,
              ))
            )
              throw new Resync();
            position = last.position;
          },
        );
        // stop() may have run while this subscription was being set up: it could not stop it then.
        if (!leads()) void this.subscription.stop();
        try {
          await this.subscription.done;
        } catch (error) {
          if (error instanceof Resync) continue;
          this.logger.error({ err: error }, 'relay stopped on an error; starting again from its checkpoint');
          await this.leadership.pause(this.options.retryMs, session);
        }
      }
    } finally {
      await producer.disconnect().catch(() => undefined);
      this.brokerIs('not_leader');
    }
  }

  private brokerIs(state: BrokerState['state'], error?: Error): void {
    if (state !== this.broker.state || error)
      this.broker = {
        state,
        since: state === this.broker.state ? this.broker.since : new Date(),
        error: error?.message,
      };
  }

  /** Produces a batch in order; returns how many messages went to the DLQ instead. Throws only when stopping. */
  private async publish(producer: Producer, events: RecordedEvent[], session: LeaderSession): Promise<number> {
    const messages = events.map((event) => toMessage(event, this.options.prefix));
    let deadLettered = 0;
    // Oversized messages are known before the broker says so; the rest go in one request per batch.
    const entries = messages.map((message) => {
      const bytes = messageBytes(message);
      return bytes > this.options.maxMessageBytes
        ? this.deadLetter(
            message,
            'MESSAGE_TOO_LARGE',
            `message of ${bytes} bytes exceeds RELAY_MAX_MESSAGE_BYTES (${this.options.maxMessageBytes})`,
          )
        : message;
    });
    deadLettered += entries.filter((entry) => entry.topic === this.dlqTopic).length;
    try {
      await this.send(producer, entries, session);
    } catch (error) {
      if (!isPermanent(error)) throw error;
      // The broker refused something for good: one by one, in order, to find which.
      deadLettered = 0;
      for (const entry of entries) {
        try {
          await this.send(producer, [entry], session);
          if (entry.topic === this.dlqTopic) deadLettered += 1;
        } catch (single) {
          if (!isPermanent(single)) throw single;
          await this.send(
            producer,
            [this.deadLetter(entry, errorType(single) ?? 'REJECTED', (single as Error).message)],
            session,
          );
          deadLettered += 1;
        }
      }
    }
    if (deadLettered > 0) this.observer.deadLettered(deadLettered);
    const last = events[events.length - 1];
    this.observer.produced(entries, last.position, last.recordedAt);
    return deadLettered;
  }

  private get dlqTopic(): string {
    return `${this.options.prefix}.dlq`;
  }

  /** In the message's place: its headers (so consumers can find the event by ce_id or ce_sequence), the error, and the value if it fits. */
  private deadLetter(message: OutgoingMessage, code: string, reason: string): OutgoingMessage {
    const fits = Buffer.byteLength(message.value) + 4096 <= this.options.maxMessageBytes;
    return {
      topic: this.dlqTopic,
      key: message.key,
      value: fits ? message.value : JSON.stringify({ omitted: true, bytes: Buffer.byteLength(message.value) }),
      headers: {
        ...message.headers,
        dlq_error_code: code,
        dlq_error_message: reason.slice(0, 1000),
        dlq_original_topic: message.topic,
      },
    };
  }

  /** Sends until the broker acknowledges; transient failures are retried with backoff for as long as they last. */
  private async send(producer: Producer, messages: OutgoingMessage[], session: LeaderSession): Promise<void> {
    const byTopic = new Map<string, OutgoingMessage[]>();
    for (const message of messages) byTopic.set(message.topic, [...(byTopic.get(message.topic) ?? []), message]);
    const topicMessages = [...byTopic.entries()].map(([topic, list]) => ({
      topic,
      messages: list.map(({ key, value, headers }) => ({ key, value, headers })),
    }));
    for (let wait = this.options.retryMs; ; wait = Math.min(wait * 2, 30_000)) {
      try {
        await producer.sendBatch({ topicMessages, acks: -1 });
        this.brokerIs('connected');
        return;
      } catch (error) {
        if (isPermanent(error)) throw error;
        this.brokerIs('unreachable', error as Error);
        this.observer.produceFailed(error);
        this.logger.warn({ err: error, retryInMs: wait }, 'relay could not produce; retrying');
        if (!this.leadership.leads(session)) throw error;
        await this.leadership.pause(wait, session);
      }
    }
  }
}
