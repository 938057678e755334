import type { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import request from 'supertest';
import { AppModule } from '../../apps/api/src/app.module';
import { setUpOpenApi } from '../../apps/api/src/openapi';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

describe('API operations endpoints', () => {
  let db: TestDatabase;
  let app: INestApplication;

  beforeAll(async () => {
    db = await createTestDatabase(4);
    process.env.DATABASE_URL = db.url;
    process.env.LOG_LEVEL = 'silent';
    const moduleRef = await Test.createTestingModule({ imports: [AppModule] }).compile();
    app = moduleRef.createNestApplication();
    app.enableShutdownHooks();
    setUpOpenApi(app);
    await app.init();
  });

  afterAll(async () => {
    await app.close();
    delete process.env.DATABASE_URL;
    await db.drop();
  });

  it('answers liveness at /health', async () => {
    await request(app.getHttpServer()).get('/health').expect(200, { status: 'ok' });
  });

  it('reports readiness of the database and the event store at /ready, after applying migrations', async () => {
    const response = await request(app.getHttpServer()).get('/ready').expect(200);
    expect(response.body.details).toMatchObject({ database: { status: 'up' }, eventStore: { status: 'up', headPosition: '0' } });
    const { rows } = await db.pool.query(`SELECT version FROM schema_migrations WHERE component = 'event_store'`);
    expect(rows).toEqual([{ version: 1 }]);
  });

  it('serves the OpenAPI document at /docs', async () => {
    const response = await request(app.getHttpServer()).get('/docs-json').expect(200);
    expect(response.body.openapi).toMatch(/^3\./);
    expect(Object.keys(response.body.paths)).toEqual(expect.arrayContaining(['/health', '/ready']));
    await request(app.getHttpServer()).get('/docs').expect(200).expect('content-type', /html/);
  });

  it('exposes Prometheus metrics: reader stall, process, and request latency by route', async () => {
    await request(app.getHttpServer()).get('/health').expect(200);
    const response = await request(app.getHttpServer()).get('/metrics').expect(200);
    expect(response.text).toContain('event_store_horizon_stall_seconds 0');
    expect(response.text).toContain('process_cpu_seconds_total');
    expect(response.text).toMatch(/http_request_duration_seconds_count\{method="GET",route="\/health",status="200"\} [1-9]/);
  });
});
