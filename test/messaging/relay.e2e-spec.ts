import { randomUUID } from 'node:crypto';
import { bearer, KEYS, seedAccount, startApi, type ApiHarness } from '../support/api-app';
import { readTopics } from './kafka-consumer';

const writer = bearer(KEYS.writer);
const PREFIX = `t${randomUUID().slice(0, 8)}`;
const TOPICS = ['accounts', 'tickets', 'sla'].map((kind) => `${PREFIX}.${kind}`);
let api: ApiHarness;

beforeAll(async () => {
  api = await startApi({
    ROLES: 'api,relay',
    KAFKA_BROKERS: process.env.TEST_KAFKA_BROKERS as string,
    KAFKA_TOPIC_PREFIX: PREFIX,
    RELAY_BATCH_SIZE: '20',
    RELAY_MAX_MESSAGE_BYTES: '8192',
  });
});

afterAll(async () => {
  await api.close();
});

interface LoggedEvent {
  event_id: string;
  stream_id: string;
  type: string;
  position: string;
  data: Record<string, unknown>;
  metadata: Record<string, unknown>;
}

const logged = async (): Promise<LoggedEvent[]> =>
  (await api.log()).map((event) => ({
    event_id: event.eventId,
    stream_id: event.streamId,
    type: event.type,
    position: event.position.toString(),
    data: event.data as LoggedEvent['data'],
    metadata: event.metadata,
  }));

describe('Kafka relay', () => {
  it('publishes every command’s events with topic, key, CloudEvents headers and payload, in per-account order', async () => {
    await seedAccount(api);
    await api
      .http()
      .post('/v1/tickets')
      .set(writer)
      .send({
        id: 'k-1',
        accountId: 'acme',
        contactId: 'ada',
        subject: 'Kafka',
        channel: 'email',
        priority: 'urgent',
        category: 'ops',
      })
      .expect(201);
    await api
      .http()
      .post('/v1/tickets/k-1/replies')
      .set(writer)
      .send({ author: { kind: 'agent', id: 'agent-1' }, public: true, body: 'On it' })
      .expect(200);
    await api.http().post('/v1/tickets/k-1/status').set(writer).send({ status: 'solved' }).expect(200);
    const events = await logged();
    const reader = await readTopics(process.env.TEST_KAFKA_BROKERS as string, TOPICS);
    const received = await reader.until(events.length);
    await reader.stop();

    expect(received).toHaveLength(events.length);
    const byId = new Map(received.map((message) => [message.headers.ce_id, message]));
    for (const event of events) {
      const message = byId.get(event.event_id);
      const kind = event.stream_id.startsWith('ticket-')
        ? event.type.startsWith('Sla')
          ? 'sla'
          : 'tickets'
        : event.stream_id.startsWith('account-')
          ? 'accounts'
          : 'sla';
      expect({
        type: event.type,
        topic: message?.topic,
        key: message?.key,
        value: message && JSON.parse(message.value),
      }).toEqual({
        type: event.type,
        topic: `${PREFIX}.${kind}`,
        key: (event.data.accountId as string | undefined) ?? event.stream_id,
        value: event.data,
      });
      expect(message?.headers).toEqual({
        ce_specversion: '1.0',
        ce_id: event.event_id,
        ce_source: event.metadata.source,
        ce_type: event.type,
        ce_time: event.metadata.occurredAt,
        ce_subject: event.stream_id,
        'content-type': 'application/json',
        ce_sequence: event.position.padStart(20, '0'),
        ce_correlationid: event.metadata.correlationId,
        ce_causationid: event.metadata.causationId,
        ce_schemaversion: '1',
      });
    }
    // Per topic and key (account), messages arrive in log order.
    const last = new Map<string, string>();
    for (const message of received) {
      const lane = `${message.topic}|${message.key}`;
      expect(message.headers.ce_sequence > (last.get(lane) ?? '')).toBe(true);
      last.set(lane, message.headers.ce_sequence);
    }
  });

  it('sends a message the broker can never take to the DLQ with the error, counts it, and moves on', async () => {
    await api
      .http()
      .post('/v1/tickets/k-1/notes')
      .set(writer)
      .send({ authorId: 'agent-1', body: 'x'.repeat(20_000) })
      .expect(200);
    await api
      .http()
      .post('/v1/tickets/k-1/notes')
      .set(writer)
      .send({ authorId: 'agent-1', body: 'a small note after it' })
      .expect(200);
    const [poison, after] = (await logged()).slice(-2);
    const reader = await readTopics(process.env.TEST_KAFKA_BROKERS as string, [`${PREFIX}.dlq`, `${PREFIX}.tickets`]);
    // Every ticket event but the poison on the tickets topic, the poison on the DLQ.
    const received = await reader.until(
      (await logged()).filter((event) => event.stream_id.startsWith('ticket-') && !event.type.startsWith('Sla')).length,
    );
    await reader.stop();
    const dead = received.filter((message) => message.topic === `${PREFIX}.dlq`);
    expect(dead).toHaveLength(1);
    expect(dead[0].headers).toMatchObject({
      ce_id: poison.event_id,
      ce_type: 'NoteAdded',
      dlq_error_code: 'MESSAGE_TOO_LARGE',
      dlq_original_topic: `${PREFIX}.tickets`,
    });
    expect(JSON.parse(dead[0].value)).toEqual({ omitted: true, bytes: expect.any(Number) });
    expect(received.some((message) => message.headers.ce_id === after.event_id)).toBe(true);
    expect(
      received.some((message) => message.topic === `${PREFIX}.tickets` && message.headers.ce_id === poison.event_id),
    ).toBe(false);
    const ready = await api.http().get('/ready').expect(200);
    expect(ready.body.info.relay).toMatchObject({ enabled: true, deadLettered: 1, lagEvents: 0 });
    const status = await api.http().get('/v1/admin/relay').set(bearer(KEYS.admin)).expect(200);
    expect(status.body).toEqual({
      relay: 'kafka',
      enabled: true,
      position: after.position,
      lag: { events: 0, eventsAtLeast: false, seconds: 0 },
      deadLettered: 1,
      lastRecordedAt: expect.any(String),
    });
    await api.http().get('/v1/admin/relay').set(writer).expect(403);
  });
});
