import type { ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { Kafka, logLevel } from 'kafkajs';
import { EVENT_STORE, type EventStore } from '../../libs/event-store/src';
import { resetCheckpoint, runEventConsumer } from '../../libs/messaging/src';
import { Random } from '../../libs/simulator/src';
import { freePort } from '../support/free-port';
import { bearer, KEYS, seedAccount, startApi, type ApiHarness } from '../support/api-app';
import { exited, WorkerProcesses } from '../support/worker-processes';
import { outOfOrder, readTopics } from './kafka-consumer';

const writer = bearer(KEYS.writer);
const PREFIX = `c${randomUUID().slice(0, 8)}`;
const TOPICS = ['accounts', 'tickets', 'sla'].map((kind) => `${PREFIX}.${kind}`);
const BROKERS = () => process.env.TEST_KAFKA_BROKERS as string;
const random = new Random(11);
const ACCOUNTS = ['acme', 'globex', 'initech', 'umbrella'];
let api: ApiHarness;

beforeAll(async () => {
  api = await startApi({ ROLES: 'api' });
  await seedAccount(api, 'acme');
  for (const id of ACCOUNTS.slice(1)) {
    await api
      .http()
      .post('/v1/accounts')
      .set(writer)
      .send({
        id,
        name: id,
        tier: 'growth',
        arr: { amountMinor: 5_000_000, currency: 'USD' },
        contractStart: '2026-01-01',
        renewalDate: '2027-01-01',
        ownerId: 'am-1',
        timeZone: 'UTC',
      })
      .expect(201);
    await api
      .http()
      .post(`/v1/accounts/${id}/contacts`)
      .set(writer)
      .send({ id: 'ada', name: 'Ada', email: `ada@${id}.test`, role: 'technical' })
      .expect(201);
  }
});

afterAll(async () => {
  await api.close();
});

/** Polls until `condition` holds; fails the test naming `what` if it does not within `timeoutMs`. */
async function waitFor(what: string, condition: () => Promise<boolean>, timeoutMs = 60_000): Promise<void> {
  for (const deadline = Date.now() + timeoutMs; !(await condition());) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('Kafka relay under kill -9', () => {
  const workers = new WorkerProcesses(() => api.db.env);
  afterAll(() => workers.killAll());
  const startRelay = async (): Promise<ChildProcess> =>
    workers.start({
      ROLES: 'relay',
      KAFKA_BROKERS: BROKERS(),
      KAFKA_TOPIC_PREFIX: PREFIX,
      RELAY_BATCH_SIZE: String(random.int(3, 40)),
      WORKER_PORT: String(await freePort()),
      PROJECTION_LEADER_POLL_MS: '100',
    });
  const relayed = async () =>
    BigInt(
      (await api.db.pool.query<{ position: string }>(`SELECT position FROM messaging.relay WHERE name = 'kafka'`))
        .rows[0]?.position ?? '0',
    );

  it('10 crashes while commands flow: every event reaches Kafka, first deliveries in per-account order, the consumer kit hands each to its handler once', async () => {
    let flowing = true;
    let n = 0;
    const traffic = (async () => {
      while (flowing) {
        const account = ACCOUNTS[n % ACCOUNTS.length];
        const id = `crash-${(n += 1)}`;
        await api
          .http()
          .post('/v1/tickets')
          .set(writer)
          .send({
            id,
            accountId: account,
            contactId: 'ada',
            subject: 'Outage',
            channel: 'api',
            priority: 'high',
            category: 'ops',
          })
          .expect(201);
        await api
          .http()
          .post(`/v1/tickets/${id}/notes`)
          .set(writer)
          .send({ authorId: 'agent-1', body: 'looking' })
          .expect(200);
      }
    })();
    // Each relay is killed while it produces: after it has had a batch of its own acknowledged (a
    // worker takes seconds to boot, longer on a busy machine), at a random moment.
    try {
      for (let crash = 0; crash < 10; crash += 1) {
        const from = await relayed();
        const relay = await startRelay();
        await waitFor(`relay ${crash + 1} to produce`, async () => (await relayed()) > from);
        await new Promise((resolve) => setTimeout(resolve, random.int(0, 1500)));
        relay.kill('SIGKILL');
        await exited(relay);
      }
    } finally {
      flowing = false;
      await traffic;
    }

    // And an operator replay from the middle of what was relayed: duplicates for certain.
    const checkpoint = await relayed();
    const produced = (await api.log()).filter((event) => event.position <= checkpoint);
    await resetCheckpoint(api.db.pool, 'kafka', produced[Math.floor(produced.length / 2)].position);
    const last = await startRelay();
    const target = await api.app.get<EventStore>(EVENT_STORE).headPosition();
    await waitFor('the last relay to reach the head of the log', async () => (await relayed()) >= target);
    last.kill('SIGTERM');
    await exited(last);

    const events = (await api.log()).map((event) => event.eventId);
    // Everything on the broker, read to its end: an event missing then never reached Kafka.
    const reader = await readTopics(BROKERS(), TOPICS);
    await reader.drained();
    await reader.stop();
    const covered = new Set(reader.received.map((message) => message.headers.ce_id));
    expect(events.filter((id) => !covered.has(id))).toEqual([]);
    // First deliveries, per topic and account, in log order (redeliveries after a crash repeat a tail).
    expect(outOfOrder(reader.received)).toEqual([]);

    // The consumer kit drops the duplicates: each event reaches the handler once.
    const handled = new Map<string, number>();
    const kafka = new Kafka({ clientId: 'kit-test', brokers: BROKERS().split(','), logLevel: logLevel.NOTHING });
    const kit = await runEventConsumer({
      kafka,
      groupId: `kit-${randomUUID()}`,
      topics: TOPICS,
      dlqTopic: `${PREFIX}.kit-dlq`,
      handle: async (event) => void handled.set(event.id, (handled.get(event.id) ?? 0) + 1),
    });
    for (const deadline = Date.now() + 60_000; handled.size < events.length && Date.now() < deadline;)
      await new Promise((resolve) => setTimeout(resolve, 100));
    await new Promise((resolve) => setTimeout(resolve, 500));
    await kit.stop();
    expect(handled.size).toBe(events.length);
    expect([...handled.values()].filter((count) => count !== 1)).toEqual([]);
    // The replay (and any crash between produce and checkpoint) redelivered events: the kit had duplicates to drop.
    expect(reader.received.length).toBeGreaterThan(events.length);
  }, 300_000);
});
