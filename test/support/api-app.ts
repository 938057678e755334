import type { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { SignJWT } from 'jose';
import request from 'supertest';
import { CLOCK, type Clock } from '../../libs/commanding/src';
import { AppModule } from '../../apps/api/src/app.module';
import { configureApi } from '../../apps/api/src/configure-api';
import { sha256Hex } from '../../libs/commanding/src';
import type { RecordedEvent } from '../../libs/event-store/src';
import { createTestDatabase, type TestDatabase } from './test-database';
import { testCipher } from './test-event-store';

export const KEYS = {
  writer: 'sk_test_writer_all_write_scopes',
  reader: 'sk_test_reader_read_only',
  admin: 'sk_test_admin',
};
export const JWT = {
  secret: 'a-test-secret-that-is-long-enough-for-hs256',
  issuer: 'https://idp.test',
  audience: 'support-ops',
};

export interface ApiHarness {
  app: INestApplication;
  db: TestDatabase;
  http: () => ReturnType<typeof request>;
  /** Every event of the log, in log order, as the roles read it (personal data opened). */
  log(): Promise<RecordedEvent[]>;
  /** Every event of the log as stored: personal data sealed. */
  storedLog(): Promise<RecordedEvent[]>;
  /** Number of events in the log, to prove a rejected command appended nothing. */
  eventCount(): Promise<number>;
  /** Stops the app; fails if any request of the file was answered 500 (always our bug). */
  close(): Promise<void>;
}

/**
 * The API module in-process on its own database, with one key per role and JWTs accepted. The SLA
 * clock role is off unless ROLES asks for it: its events would appear in logs other tests count.
 * `server`: the administrator's URL of another PostgreSQL server than the test run's.
 */
export async function startApi(env: Record<string, string> = {}, clock?: Clock, server?: string): Promise<ApiHarness> {
  const db = await createTestDatabase(8, server);
  Object.assign(process.env, {
    ...db.env,
    LOG_LEVEL: 'silent',
    API_KEYS: JSON.stringify([
      { id: 'crm', sha256: sha256Hex(KEYS.writer), scopes: ['tickets:write', 'accounts:write', 'sla:write', 'read'] },
      { id: 'dashboard', sha256: sha256Hex(KEYS.reader), scopes: ['read'] },
      { id: 'ops', sha256: sha256Hex(KEYS.admin), scopes: ['admin'] },
    ]),
    JWT_SECRET: JWT.secret,
    JWT_ISSUER: JWT.issuer,
    JWT_AUDIENCE: JWT.audience,
    ROLES: 'api,projector',
    ...env,
  });
  const builder = Test.createTestingModule({ imports: [AppModule] });
  if (clock) builder.overrideProvider(CLOCK).useValue(clock);
  const moduleRef = await builder.compile();
  const app = moduleRef.createNestApplication({ bufferLogs: true });
  app.enableShutdownHooks();
  const internalErrors: string[] = [];
  app.use(
    (
      req: { method: string; originalUrl: string },
      res: { statusCode: number; on(event: 'finish', listener: () => void): void },
      next: () => void,
    ) => {
      res.on(
        'finish',
        () => void (res.statusCode === 500 && internalErrors.push(`${req.method} ${req.originalUrl.slice(0, 200)}`)),
      );
      next();
    },
  );
  configureApi(app);
  await app.init();
  const storedLog = () => db.eventStore.readLog(db.pool);
  const log = async () => testCipher(db.pool).open(await storedLog());
  return {
    app,
    db,
    http: () => request(app.getHttpServer()),
    log,
    storedLog,
    eventCount: async () => (await storedLog()).length,
    close: async () => {
      await app.close();
      await db.drop();
      if (internalErrors.length > 0)
        throw new Error(
          `answered 500 to ${internalErrors.length} request(s): ${internalErrors.slice(0, 10).join('; ')}`,
        );
    },
  };
}

export async function agentJwt(
  sub: string,
  scope: string,
  overrides: { audience?: string; secret?: string; expiresIn?: string } = {},
): Promise<string> {
  return new SignJWT({ scope })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(sub)
    .setIssuer(JWT.issuer)
    .setAudience(overrides.audience ?? JWT.audience)
    .setIssuedAt()
    .setExpirationTime(overrides.expiresIn ?? '5m')
    .sign(new TextEncoder().encode(overrides.secret ?? JWT.secret));
}

export const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });

/** A calendar, a policy for growth accounts, an account and a contact: the minimum to open tickets with an SLA. */
export async function seedAccount(api: ApiHarness, accountId = 'acme'): Promise<void> {
  const writer = bearer(KEYS.writer);
  await api
    .http()
    .post('/v1/calendars')
    .set(writer)
    .send({
      id: 'nyc',
      name: 'New York',
      timeZone: 'America/New_York',
      weeklyHours: { mon: [{ start: '09:00', end: '17:00' }] },
    })
    .expect(201);
  await api
    .http()
    .post('/v1/sla-policies')
    .set(writer)
    .send({
      id: 'growth-247',
      name: 'Growth 24/7',
      tiers: ['growth'],
      targets: { urgent: { first_response: 60, next_response: 30, resolution: 480 }, normal: { resolution: 2880 } },
    })
    .expect(201);
  await onboardAccount(api, accountId);
}

/** The body that opens ticket `id` on the account seedAccount makes (contact ada, high priority). */
export const ticketOnAcme = (id: string) => ({
  id,
  accountId: 'acme',
  contactId: 'ada',
  subject: 'S',
  channel: 'api',
  priority: 'high',
  category: 'c',
});

/** An account of the growth tier (the policies seedAccount defines apply) with one contact, ada. */
export async function onboardAccount(api: ApiHarness, accountId: string): Promise<void> {
  const writer = bearer(KEYS.writer);
  await api
    .http()
    .post('/v1/accounts')
    .set(writer)
    .send({
      id: accountId,
      name: 'Acme Corp',
      tier: 'growth',
      arr: { amountMinor: 12_000_000, currency: 'USD' },
      contractStart: '2026-01-01',
      renewalDate: '2027-01-01',
      ownerId: 'am-1',
      timeZone: 'America/New_York',
    })
    .expect(201);
  await api
    .http()
    .post(`/v1/accounts/${accountId}/contacts`)
    .set(writer)
    .send({ id: 'ada', name: 'Ada Lovelace', email: 'ada@acme.test', role: 'technical' })
    .expect(201);
}
