import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Kafka, logLevel } from 'kafkajs';
import { bearer, KEYS, seedAccount, startApi, type ApiHarness } from '../support/api-app';
import { readTopics } from './kafka-consumer';

const SINK = join(__dirname, '../../dist/apps/analytics-sink/apps/analytics-sink/src/main.js');
const writer = bearer(KEYS.writer);
const PREFIX = `a${randomUUID().slice(0, 8)}`;
const BROKERS = () => process.env.TEST_KAFKA_BROKERS as string;
let api: ApiHarness;
let sink: ChildProcess;
const dir = mkdtempSync(join(tmpdir(), 'analytics-sink-'));

beforeAll(async () => {
  api = await startApi({ ROLES: 'api,relay', KAFKA_BROKERS: BROKERS(), KAFKA_TOPIC_PREFIX: PREFIX });
  sink = spawn(process.execPath, [SINK], {
    env: {
      ...process.env,
      KAFKA_BROKERS: BROKERS(),
      KAFKA_TOPIC_PREFIX: PREFIX,
      SINK_DIR: dir,
      SINK_GROUP_ID: `sink-${PREFIX}`,
      LOG_LEVEL: 'warn',
    },
    stdio: 'ignore',
  });
});

afterAll(async () => {
  sink.kill('SIGTERM');
  await api.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Every line of every file the sink wrote, with the file it is in. */
function lines(): Array<{ file: string; line: Record<string, unknown> }> {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((topic) =>
    readdirSync(join(dir, topic)).flatMap((file) =>
      readFileSync(join(dir, topic, file), 'utf8')
        .split('\n')
        .filter(Boolean)
        .map((text) => ({ file: `${topic}/${file}`, line: JSON.parse(text) as Record<string, unknown> })),
    ),
  );
}

describe('analytics sink (an example service on the consumer kit)', () => {
  it('writes every event once into daily NDJSON files per topic, and sends a poison message to its DLQ', async () => {
    // A message without CloudEvents headers, before the real ones: the sink must step over it.
    const producer = new Kafka({
      clientId: 'test',
      brokers: BROKERS().split(','),
      logLevel: logLevel.NOTHING,
    }).producer({ allowAutoTopicCreation: true, idempotent: false });
    await producer.connect();
    await producer.send({
      topic: `${PREFIX}.tickets`,
      acks: -1,
      messages: [{ key: 'acme', value: 'not json at all' }],
    });
    await producer.disconnect();

    await seedAccount(api);
    await api
      .http()
      .post('/v1/tickets')
      .set(writer)
      .send({
        id: 's-1',
        accountId: 'acme',
        contactId: 'ada',
        subject: 'Sink',
        channel: 'email',
        priority: 'normal',
        category: 'ops',
      })
      .expect(201);
    await api.http().post('/v1/tickets/s-1/notes').set(writer).send({ authorId: 'agent-1', body: 'noted' }).expect(200);
    const events = (await api.log()).map((event) => ({
      event_id: event.eventId,
      stream_id: event.streamId,
      type: event.type,
      metadata: event.metadata as { occurredAt: string },
    }));
    for (const deadline = Date.now() + 60_000; lines().length < events.length && Date.now() < deadline;)
      await new Promise((resolve) => setTimeout(resolve, 100));

    const written = lines();
    expect(written.map(({ line }) => line.id).sort()).toEqual(events.map((event) => event.event_id).sort());
    for (const event of events) {
      const { file, line } = written.find((entry) => entry.line.id === event.event_id)!;
      const kind = event.stream_id.startsWith('ticket-')
        ? event.type.startsWith('Sla')
          ? 'sla'
          : 'tickets'
        : event.stream_id.startsWith('account-')
          ? 'accounts'
          : 'sla';
      expect(file).toBe(`${PREFIX}.${kind}/${event.metadata.occurredAt.slice(0, 10)}.ndjson`);
      expect(line).toMatchObject({ type: event.type, subject: event.stream_id });
    }
    const dlq = await readTopics(BROKERS(), [`${PREFIX}.analytics-sink.dlq`]);
    const [poison] = await dlq.until(1);
    await dlq.stop();
    expect(poison).toMatchObject({
      value: 'not json at all',
      headers: { dlq_original_topic: `${PREFIX}.tickets`, dlq_consumer_group: `sink-${PREFIX}` },
    });
    expect(poison.headers.dlq_error_message).toMatch(/missing CloudEvents headers/);
  }, 120_000);
});
