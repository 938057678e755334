import { randomUUID } from 'node:crypto';
import { Kafka, logLevel } from 'kafkajs';
import type { Pool } from 'pg';
import pino from 'pino';
import { PostgresEventStore, type EventToAppend, type RecordedEvent } from '../../libs/event-store/src';
import {
  ensureTopics,
  KafkaRelay,
  migrateMessaging,
  readCheckpoint,
  resetCheckpoint,
  TOPIC_KINDS,
  toMessage,
} from '../../libs/messaging/src';
import { startKafkaBroker } from '../support/kafka-broker';
import { freePort } from '../support/free-port';
import { withOwnDatabase } from './bench-database';
import { figure, percentile, type Figure } from './figures';
import { client, MAIN, startProcess, WORKER } from './http.bench';
import type { BenchContext } from './main';

const BATCH = 500;
const ACCOUNTS = 200;

/** Ticket notes of about 200 bytes over 2,000 streams and 200 accounts, appended 50 at a time. */
async function appendNotes(store: PostgresEventStore, count: number): Promise<void> {
  for (let i = 0; i < count; i += 50 * 16) {
    await Promise.all(
      Array.from({ length: 16 }, (_, w) => {
        const events: EventToAppend[] = Array.from({ length: 50 }, (_, j) => ({
          eventId: randomUUID(),
          type: 'NoteAdded',
          data: {
            ticketId: `r${w}`,
            accountId: `acct-${(i + j) % ACCOUNTS}`,
            noteId: randomUUID(),
            authorId: 'agent-1',
            body: 'x'.repeat(120),
            at: new Date().toISOString(),
          },
          metadata: {
            schemaVersion: 1,
            occurredAt: new Date().toISOString(),
            actor: { kind: 'service', id: 'bench' },
            correlationId: randomUUID(),
            causationId: randomUUID(),
            source: 'bench',
          },
        }));
        return store.append(`ticket-r${(i / 800 + w) % 2000}`, events, 'any');
      }),
    );
  }
}

async function everything(store: PostgresEventStore): Promise<RecordedEvent[]> {
  const all: RecordedEvent[] = [];
  for (let after = 0n; ;) {
    const batch = await store.readAll({ after, limit: 5000 });
    if (batch.length === 0) return all;
    all.push(...batch);
    after = batch[batch.length - 1].position;
  }
}

/**
 * The Kafka relay against the broker in KAFKA_BROKERS, else a real Apache Kafka broker started for
 * the group (infra/kafka/broker.sh, as the tests). `relay.events_per_s`: the relay over 200,000 events of 200 bytes, from its start to the
 * broker's acknowledgement of the last; floor: a bare kafkajs producer sending the same messages
 * (same topics, keys, headers, batches of 500 with `acks: all`, one request in flight) to the same
 * broker. `freshness.kafka.p99_ms`: the API and the relay as their own processes, 8 clients opening
 * tickets and adding notes for 10 s, from each command's answer to its last event being consumable.
 */
export async function relayGroup({ pool: benchPool, url: benchUrl, scale, progress }: BenchContext): Promise<Figure[]> {
  if (!process.env.KAFKA_BROKERS) progress('relay: starting a Kafka broker');
  const broker = process.env.KAFKA_BROKERS ? undefined : await startKafkaBroker();
  const brokers = process.env.KAFKA_BROKERS ?? (broker?.brokers as string);
  try {
    return await withOwnDatabase(benchPool, benchUrl, 'relay', 16, (pool, url) =>
      measureRelay(pool, url, brokers, scale, progress),
    );
  } finally {
    await broker?.remove();
  }
}

async function measureRelay(
  pool: Pool,
  url: string,
  brokers: string,
  scale: number,
  progress: (message: string) => void,
): Promise<Figure[]> {
  const kafka = new Kafka({ clientId: 'bench', brokers: brokers.split(','), logLevel: logLevel.NOTHING });
  const run = randomUUID().slice(0, 6);
  const stops: Array<() => Promise<void>> = [];
  try {
    await PostgresEventStore.migrate(pool);
    await migrateMessaging(pool);
    const store = new PostgresEventStore(pool);
    const count = Math.round(200_000 * scale);
    progress(`relay: appending ${count} events`);
    await appendNotes(store, count);
    const events = await everything(store);
    // Every topic exists, with its leaders, before anything is timed: the relay's own check then finds them.
    const topicsOf = (prefix: string) => TOPIC_KINDS.map((kind) => `${prefix}.${kind}`);
    await ensureTopics(kafka, [...topicsOf(`floor${run}`), ...topicsOf(`bench${run}`), ...topicsOf(`fresh${run}`)]);

    progress('relay: floor (a bare kafkajs producer)');
    const messages = events.map((event) => toMessage(event, `floor${run}`));
    const producer = kafka.producer({ allowAutoTopicCreation: true, maxInFlightRequests: 1, idempotent: false });
    await producer.connect();
    await producer.sendBatch({ topicMessages: [{ topic: messages[0].topic, messages: [messages[0]] }], acks: -1 }); // topic creation, connection
    const floorStarted = performance.now();
    for (let i = 0; i < messages.length; i += BATCH) {
      const byTopic = new Map<string, typeof messages>();
      for (const message of messages.slice(i, i + BATCH))
        byTopic.set(message.topic, [...(byTopic.get(message.topic) ?? []), message]);
      await producer.sendBatch({
        topicMessages: [...byTopic].map(([topic, list]) => ({
          topic,
          messages: list.map(({ key, value, headers }) => ({ key, value, headers })),
        })),
        acks: -1,
      });
    }
    const floorRate = messages.length / ((performance.now() - floorStarted) / 1000);
    await producer.disconnect();

    progress('relay: the relay over the same events');
    const head = await store.headPosition();
    const options = {
      name: `bench${run}`,
      prefix: `bench${run}`,
      batchSize: BATCH,
      maxMessageBytes: 1_000_000,
      leaderPollMs: 1000,
      retryMs: 500,
      connectionString: url,
    };
    const observer = {
      produced: () => undefined,
      deadLettered: () => undefined,
      produceFailed: () => undefined,
      leadership: () => undefined,
    };
    const relay = new KafkaRelay(store, pool, kafka, options, pino({ level: 'silent' }), observer);
    const relayStarted = performance.now();
    relay.start();
    while ((await readCheckpoint(pool, options.name)).position < head)
      await new Promise((resolve) => setTimeout(resolve, 5));
    const relayRate = events.length / ((performance.now() - relayStarted) / 1000);
    await relay.stop();

    progress('freshness.kafka: the api and the relay as their own processes, 8 clients for 10 s');
    // Freshness is of new commands only: the relay starts at the head, past the events timed above.
    await resetCheckpoint(pool, 'kafka', await store.headPosition(), { forward: true });
    const prefix = `fresh${run}`;
    const apiPort = await freePort();
    const workerPort = await freePort();
    stops.push(await startProcess(MAIN, { DATABASE_URL: url, PORT: String(apiPort), ROLES: 'api' }, apiPort));
    stops.push(
      await startProcess(
        WORKER,
        {
          DATABASE_URL: url,
          WORKER_PORT: String(workerPort),
          ROLES: 'relay',
          KAFKA_BROKERS: brokers,
          KAFKA_TOPIC_PREFIX: prefix,
        },
        workerPort,
      ),
    );
    const call = client(apiPort);
    const accounts = Array.from({ length: 20 }, (_, i) => `fresh-${run}-${i}`);
    for (const id of accounts) {
      const onboarded = await call('POST', '/v1/accounts', {
        id,
        name: id,
        tier: 'standard',
        arr: { amountMinor: 1_000_000, currency: 'USD' },
        contractStart: '2026-01-01',
        renewalDate: '2027-01-01',
        ownerId: 'am-1',
        timeZone: 'UTC',
      });
      const contact = await call('POST', `/v1/accounts/${id}/contacts`, {
        id: 'ada',
        name: 'Ada',
        email: `ada@${id}.test`,
        role: 'technical',
      });
      if (onboarded.status !== 201 || contact.status !== 201)
        throw new Error(`setup failed: ${onboarded.body} ${contact.body}`);
    }
    const arrived = new Map<string, number>();
    const consumer = kafka.consumer({ groupId: `fresh-${run}`, allowAutoTopicCreation: true });
    await consumer.connect();
    await consumer.subscribe({ topics: topicsOf(prefix), fromBeginning: true });
    const joined = new Promise<void>((resolve) => consumer.on(consumer.events.GROUP_JOIN, () => resolve()));
    await consumer.run({
      eachMessage: async ({ message }) => void arrived.set(String(message.headers?.ce_sequence), performance.now()),
    });
    await joined;
    stops.push(() => consumer.disconnect());
    const answered: Array<{ sequence: string; at: number }> = [];
    const deadline = Date.now() + 10_000 * Math.min(1, scale * 4);
    await Promise.all(
      Array.from({ length: 8 }, async (_, c) => {
        for (let n = 0; Date.now() < deadline; n += 1) {
          const opened = await call('POST', '/v1/tickets', {
            accountId: accounts[(c + n) % accounts.length],
            contactId: 'ada',
            subject: 'Sync',
            channel: 'api',
            priority: 'normal',
            category: 'crm',
          });
          const at = performance.now();
          const body = JSON.parse(opened.body) as { id: string; position: string };
          answered.push({ sequence: body.position.padStart(20, '0'), at });
          const noted = await call('POST', `/v1/tickets/${body.id}/notes`, { authorId: 'agent-1', body: 'synced' });
          answered.push({
            sequence: (JSON.parse(noted.body) as { position: string }).position.padStart(20, '0'),
            at: performance.now(),
          });
        }
      }),
    );
    for (
      const until = Date.now() + 10_000;
      answered.some((answer) => !arrived.has(answer.sequence)) && Date.now() < until;
    )
      await new Promise((resolve) => setTimeout(resolve, 20));
    const missing = answered.filter((answer) => !arrived.has(answer.sequence)).length;
    if (missing > 0) throw new Error(`${missing} commands' events never reached Kafka`);
    const freshness = answered.map((answer) => Math.max(0, (arrived.get(answer.sequence) as number) - answer.at));
    await store.close();
    return [
      figure('relay.events_per_s', relayRate, 'events/s', floorRate),
      figure('freshness.kafka.p99_ms', percentile(freshness, 99), 'ms'),
    ];
  } finally {
    for (const stop of stops.reverse()) await stop().catch(() => undefined);
  }
}
