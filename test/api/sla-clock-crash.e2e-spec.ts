import type { ChildProcess } from 'node:child_process';
import { CommandBus } from '@nestjs/cqrs';
import { Send } from '@app/commanding';
import { openTicket, type OpenTicket } from '@app/requests';
import pino from 'pino';
import { CommandDispatcher, readModelView, SlaClock } from '@app/sla-clock';
import { EVENT_STORE, type EventStore } from '../../libs/event-store/src';
import { Metrics } from '../../libs/observability/src';
import { Random } from '../../libs/simulator/src';
import { freePort, freePorts } from '../support/free-port';
import { seedAccount, startApi, type ApiHarness } from '../support/api-app';
import { exited, WorkerProcesses } from '../support/worker-processes';

const TICKETS = 120;
const random = new Random(5);
let api: ApiHarness;

beforeAll(async () => {
  api = await startApi({ ROLES: 'api' });
  await seedAccount(api); // growth accounts: urgent first response 60 min, resolution 480, 24/7
});

afterAll(async () => {
  await api.close();
});

describe('SLA clock across processes', () => {
  const workers = new WorkerProcesses(() => api.db.env);
  afterAll(() => workers.killAll());

  const startWorker = (port: number): ChildProcess =>
    workers.start({
      ROLES: 'projector,sla-clock',
      WORKER_PORT: String(port),
      PROJECTION_LEADER_POLL_MS: '100',
      SLA_CLOCK_POLL_MS: '50',
    });

  it('two clock processes and repeated kill -9 of either: every due target is recorded once, at its due instant', async () => {
    // Tickets opened 60 minutes (the first-response budget) before instants spread over the next 20
    // seconds: their at-risk instants have passed, their due instants come while the workers die.
    const bus = api.app.get(CommandBus);
    const start = Date.now() + 3000;
    const dues: Record<string, string> = {};
    for (let i = 0; i < TICKETS; i += 1) {
      const due = new Date(start + Math.round((i * 20_000) / TICKETS));
      const openedAt = new Date(due.getTime() - 60 * 60_000).toISOString();
      dues[`ticket-crash-${i}`] = due.toISOString();
      const request: OpenTicket = {
        id: `crash-${i}`,
        accountId: 'acme',
        contactId: 'ada',
        subject: 'Outage',
        description: '',
        channel: 'api',
        priority: 'urgent',
        category: 'ops',
      };
      await bus.execute(
        new Send(openTicket(`crash-${i}`, request), {
          actor: { kind: 'service', id: 'test' },
          correlationId: `c${i}`,
          causationId: `c${i}`,
          source: 'test',
          occurredAt: openedAt,
        }),
      );
    }

    const ports = await freePorts(2);
    const running = ports.map((port) => startWorker(port));
    for (let crash = 0; crash < 10; crash += 1) {
      await new Promise((resolve) => setTimeout(resolve, random.int(500, 2500)));
      const victim = random.int(0, 1);
      running[victim].kill('SIGKILL');
      await exited(running[victim]);
      running[victim] = startWorker(ports[victim]);
    }

    // Every due instant has passed; wait for the survivors to finish the work.
    const firstResponse = async (type: string) =>
      (await api.log()).filter(
        (event) =>
          event.type === type &&
          (event.data as { instance: string }).instance === 'first_response:1' &&
          event.streamId.startsWith('ticket-crash-'),
      );
    const breached = async () => {
      const events = await firstResponse('SlaTargetBreached');
      return events.map((event) => ({
        stream_id: event.streamId,
        breached_at: (event.data as { breachedAt: string }).breachedAt,
        n: events.filter((other) => other.streamId === event.streamId).length,
      }));
    };
    for (const deadline = Date.now() + 60_000; (await breached()).length < TICKETS && Date.now() < deadline;)
      await new Promise((resolve) => setTimeout(resolve, 100));
    await new Promise((resolve) => setTimeout(resolve, 1000));
    for (const worker of running) worker.kill('SIGTERM');
    await Promise.all(running.map(exited));

    const rows = await breached();
    expect(rows).toHaveLength(TICKETS);
    expect(rows.filter((row) => row.n !== 1)).toEqual([]);
    expect(Object.fromEntries(rows.map((row) => [row.stream_id, row.breached_at]))).toEqual(dues);
    const atRisk = await firstResponse('SlaTargetAtRisk');
    expect({ n: atRisk.length, streams: new Set(atRisk.map((event) => event.streamId)).size }).toEqual({
      n: TICKETS,
      streams: TICKETS,
    });
  }, 180_000);

  it('three clocks ticking at once, without leadership (a partition): each breach is recorded once', async () => {
    // Tickets opened nine hours ago: first response (60) and resolution (480) are both past due.
    const bus = api.app.get(CommandBus);
    for (let i = 0; i < 40; i += 1) {
      const request: OpenTicket = {
        id: `race-${i}`,
        accountId: 'acme',
        contactId: 'ada',
        subject: 'Race',
        description: '',
        channel: 'api',
        priority: 'urgent',
        category: 'ops',
      };
      const openedAt = new Date(Date.now() - 9 * 3600_000 + i * 1000).toISOString();
      await bus.execute(
        new Send(openTicket(`race-${i}`, request), {
          actor: { kind: 'service', id: 'test' },
          correlationId: `r${i}`,
          causationId: `r${i}`,
          source: 'test',
          occurredAt: openedAt,
        }),
      );
    }
    const port = await freePort();
    const projector = workers.start({ ROLES: 'projector', WORKER_PORT: String(port) });
    const store = api.app.get<EventStore>(EVENT_STORE);
    const view = () => readModelView(api.db.pool);
    const head = await store.headPosition();
    for (const deadline = Date.now() + 30_000; (await view()).position < head && Date.now() < deadline;)
      await new Promise((resolve) => setTimeout(resolve, 50));

    const clocks = [0, 1, 2].map(
      () =>
        new SlaClock(
          api.db.pool,
          bus,
          new CommandDispatcher(8, () => store.headPosition(), pino({ level: 'silent' })),
          new Metrics(),
          1000,
        ),
    );
    const now = new Date();
    await Promise.all(clocks.map(async (clock) => clock.tick(await view(), now)));
    projector.kill('SIGTERM');
    await exited(projector);

    const raced = (await api.log()).filter((event) => event.streamId.startsWith('ticket-race-'));
    const rows = ['SlaTargetAtRisk', 'SlaTargetBreached'].map((type) => {
      const events = raced.filter((event) => event.type === type);
      return {
        type,
        n: events.length,
        streams: new Set(events.map((event) => `${event.streamId} ${(event.data as { instance: string }).instance}`))
          .size,
      };
    });
    // 40 tickets × (first response + resolution), each at risk and breached: 80 of each, none twice.
    expect(rows).toEqual([
      { type: 'SlaTargetAtRisk', n: 80, streams: 80 },
      { type: 'SlaTargetBreached', n: 80, streams: 80 },
    ]);
  }, 120_000);
});
