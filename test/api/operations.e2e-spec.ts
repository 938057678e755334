import { KEYS, startApi, type ApiHarness } from '../support/api-app';
import { TEST_EVENT_STORE } from '../support/test-event-store';

describe('API operations endpoints', () => {
  let api: ApiHarness;

  beforeAll(async () => {
    api = await startApi();
  });

  afterAll(async () => {
    await api.close();
  });

  it('answers liveness at /health', async () => {
    await api.http().get('/health').expect(200, { status: 'ok' });
  });

  it('reports readiness of the database and the event store at /ready, after applying migrations', async () => {
    const response = await api.http().get('/ready').expect(200);
    expect(response.body.details).toMatchObject({
      database: { status: 'up' },
      eventStore: { status: 'up', headPosition: '0' },
      readModels: {
        status: 'up',
        queue: { state: 'running', lagEvents: 0 },
        timeline: { state: 'running', lagEvents: 0 },
      },
    });
    const { rows } = await api.db.pool.query(
      `SELECT version FROM schema_migrations WHERE component = 'event_store' ORDER BY version`,
    );
    // On EventStoreDB the log's tables are not created in PostgreSQL at all.
    expect(rows).toEqual(TEST_EVENT_STORE === 'postgres' ? [{ version: 1 }, { version: 2 }] : []);
  });

  it('serves the OpenAPI document at /docs', async () => {
    const response = await api.http().get('/docs-json').expect(200);
    expect(response.body.openapi).toMatch(/^3\./);
    expect(Object.keys(response.body.paths)).toEqual(expect.arrayContaining(['/health', '/ready']));
    await api.http().get('/docs').expect(200).expect('content-type', /html/);
  });

  it('exposes Prometheus metrics: reader stall, process, and request latency by route', async () => {
    await api.http().get('/health').expect(200);
    const response = await api.http().get('/metrics').expect(200);
    expect(response.text).toContain('event_store_horizon_stall_seconds 0');
    expect(response.text).toContain('process_cpu_seconds_total');
    expect(response.text).toMatch(
      /http_request_duration_seconds_count\{method="GET",route="\/health",status="200"\} [1-9]/,
    );
  });

  it('counts commands by aggregate and outcome, and the events they appended', async () => {
    const writer = { Authorization: `Bearer ${KEYS.writer}` };
    const calendar = { name: 'Ops', timeZone: 'UTC', weeklyHours: { mon: [{ start: '09:00', end: '17:00' }] } };
    await api
      .http()
      .post('/v1/calendars')
      .set(writer)
      .send({ id: 'ops', ...calendar })
      .expect(201);
    await api
      .http()
      .post('/v1/calendars')
      .set(writer)
      .send({ id: 'ops', ...calendar })
      .expect(409);
    const response = await api.http().get('/metrics').expect(200);
    expect(response.text).toContain('commands_total{aggregate="calendar",outcome="appended"} 1');
    expect(response.text).toContain('commands_total{aggregate="calendar",outcome="refused"} 1');
    expect(response.text).toContain('events_appended_total{aggregate="calendar"} 1');
  });
});
