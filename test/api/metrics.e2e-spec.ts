import { bearer, KEYS, seedAccount, startApi, type ApiHarness } from '../support/api-app';

const admin = bearer(KEYS.admin);

const writer = bearer(KEYS.writer);
const reader = bearer(KEYS.reader);
let now = new Date('2026-01-01T09:00:00.000Z');
let api: ApiHarness;
let last = '0';

async function post(path: string, body: object, expected = 200) {
  const response = await api.http().post(path).set(writer).send(body).expect(expected);
  last = response.body.position;
}
const usd = (major: number) => ({ amountMinor: major * 100, currency: 'USD' });
const at = (iso: string) => (now = new Date(iso));
const get = (path: string) => api.http().get(path).set(reader).set('X-Min-Position', last).expect(200);

beforeAll(async () => {
  api = await startApi({}, { now: () => now });
  await seedAccount(api);
  const onboard = (
    id: string,
    arr: { amountMinor: number; currency: string },
    contractStart: string,
    renewalDate: string,
  ) =>
    post(
      '/v1/accounts',
      {
        id,
        name: id.toUpperCase(),
        tier: 'standard',
        arr,
        contractStart,
        renewalDate,
        ownerId: 'am-9',
        timeZone: 'UTC',
      },
      201,
    );
  await onboard('a1', usd(100_000), '2026-01-01', '2026-10-01');
  await onboard('a2', usd(50_000), '2026-02-01', '2027-02-01');
  await onboard('a3', usd(30_000), '2026-03-01', '2026-09-01');
  await onboard('a4', usd(40_000), '2026-08-15', '2027-08-15');
  await onboard('a5', { amountMinor: 1_000_000, currency: 'EUR' }, '2026-01-01', '2026-08-20');
  await post('/v1/accounts/a1/expansions', { delta: usd(20_000), effectiveDate: '2026-08-01' });
  await post('/v1/accounts/a2/contractions', { delta: usd(10_000), effectiveDate: '2026-07-15' });
  await post('/v1/accounts/a2/churn', { reason: 'budget', effectiveDate: '2026-09-30' });
  await post('/v1/accounts/a3/renewals', { arr: usd(27_000), renewalDate: '2027-09-01', effectiveDate: '2026-09-01' });

  // Growth 24/7 policy of acme: urgent first response 60 min, resolution 480 min.
  const open = (id: string, priority: string) =>
    post(
      '/v1/tickets',
      { id, accountId: 'acme', contactId: 'ada', subject: id, channel: 'email', priority, category: 'c' },
      201,
    );
  const reply = (id: string) =>
    post(`/v1/tickets/${id}/replies`, { author: { kind: 'agent', id: 'agent-1' }, public: true, body: 'on it' });
  at('2026-08-03T10:00:00.000Z');
  await open('t1', 'urgent');
  at('2026-08-03T10:20:00.000Z');
  await reply('t1');
  at('2026-08-03T12:00:00.000Z');
  await post('/v1/tickets/t1/status', { status: 'solved' });
  await post('/v1/tickets/t1/csat', { score: 5 });
  at('2026-08-04T10:00:00.000Z');
  await open('t2', 'urgent');
  at('2026-08-04T11:30:00.000Z');
  await reply('t2');
  at('2026-08-04T20:00:00.000Z');
  await post('/v1/tickets/t2/status', { status: 'solved' });
  await post('/v1/tickets/t2/csat', { score: 2 });
  at('2026-08-05T10:00:00.000Z');
  await open('t3', 'normal');
  await post('/v1/tickets/t3/escalations', { tier: 'l2', reason: 'needs a specialist' });
  await post('/v1/accounts/acme/nps', { score: 8, contactId: 'ada' });
  at('2026-08-06T10:00:00.000Z');
});

afterAll(async () => {
  await api.close();
});

describe('metrics on hand-computed examples', () => {
  it('retention for 2026-Q3: cohort at the start, expansion, contraction (a renewal down counts), churn; per currency', async () => {
    const { body } = await get('/v1/metrics/retention?period=2026-Q3');
    expect(body.period).toEqual({ label: '2026-Q3', from: '2026-07-01', to: '2026-10-01' });
    // USD cohort: a1 100k + a2 50k + a3 30k + acme 120k (onboarded 2026-01-01 by the seed) = 300k.
    // Expansion 20k (a1); contraction 10k (a2) + 3k (a3 renewed 30k → 27k) = 13k; churn 40k (a2 after its contraction).
    // GRR = (300 − 13 − 40) / 300 = 0.8233; NRR = (300 + 20 − 13 − 40) / 300 = 0.89; logos 3 of 4 stay.
    // ARR at the end: a1 120k + a2 0 + a3 27k + a4 40k (new) + acme 120k = 307k.
    expect(body.currencies).toEqual([
      {
        currency: 'EUR',
        accountsAtStart: 1,
        arrAtStart: 1_000_000,
        arrAtEnd: 1_000_000,
        expansion: 0,
        contraction: 0,
        churn: 0,
        churnedAccounts: 0,
        grr: 1,
        nrr: 1,
        logoRetention: 1,
      },
      {
        currency: 'USD',
        accountsAtStart: 4,
        arrAtStart: 30_000_000,
        arrAtEnd: 30_700_000,
        expansion: 2_000_000,
        contraction: 1_300_000,
        churn: 4_000_000,
        churnedAccounts: 1,
        grr: 0.8233,
        nrr: 0.89,
        logoRetention: 0.75,
      },
    ]);
    const growth = (await get('/v1/metrics/retention?period=2026-Q3&tier=growth')).body.currencies;
    expect(growth).toEqual([
      {
        currency: 'USD',
        accountsAtStart: 1,
        arrAtStart: 12_000_000,
        arrAtEnd: 12_000_000,
        expansion: 0,
        contraction: 0,
        churn: 0,
        churnedAccounts: 0,
        grr: 1,
        nrr: 1,
        logoRetention: 1,
      },
    ]);
  });

  it('SLA metrics for 2026-08: compliance over ended targets only, business minutes percentiles, breaches, volume, CSAT', async () => {
    const { body } = await get('/v1/metrics/sla?period=2026-08');
    expect(body.groups).toEqual([
      {
        key: 'all',
        // t1 first response after 20 min, t2 after 90 (due 60): one each; resolution t1 120 min, t2 600 (due 480); t3 still running.
        compliance: {
          first_response: { achieved: 1, breached: 1, rate: 0.5 },
          next_response: { achieved: 0, breached: 0, rate: null },
          resolution: { achieved: 1, breached: 1, rate: 0.5 },
        },
        firstResponseMinutes: { median: 55, p90: 83, count: 2 },
        resolutionMinutes: { median: 360, p90: 552, count: 2 },
        breaches: 2,
        volume: 3,
        csat: { average: 3.5, responses: 2 },
      },
    ]);
    const byTier = await get('/v1/metrics/sla?period=2026-08&groupBy=tier');
    expect(byTier.body.groups.map((group: { key: string }) => group.key)).toEqual(['growth']);
    const july = await get('/v1/metrics/sla?period=2026-07');
    expect(july.body.groups[0]).toMatchObject({ volume: 0, breaches: 0 });
    await api.http().get('/v1/metrics/sla?period=2026-13').set(reader).expect(400);
  });

  it('health of acme: every factor with value, score and weight, and the weighted score and band', async () => {
    const { body } = await get('/v1/accounts/acme/health');
    expect(
      body.factors.map((f: { factor: string; value: number | null; score: number | null; weight: number }) => [
        f.factor,
        f.value,
        f.score,
        f.weight,
      ]),
    ).toEqual([
      ['sla_compliance', 0.5, 50, 25],
      ['open_urgent_high', 0, 100, 15],
      ['escalations', 1, 80, 10],
      ['ticket_volume_trend', 3, 0, 10],
      ['csat', 3.5, 62.5, 15],
      ['nps', 8, 80, 15],
      ['days_to_renewal', 148, 100, 10],
    ]);
    // (50·25 + 100·15 + 80·10 + 0·10 + 62.5·15 + 80·15 + 100·10) / 100 = 66.875
    expect([body.score, body.band, body.churned]).toEqual([66.9, 'yellow', false]);
    await api.http().get('/v1/accounts/nobody/health').set(reader).expect(404);
  });

  it('renewals due within the window, with open tickets and breaches of the last 30 days', async () => {
    const { body } = await get('/v1/renewals?withinDays=150');
    expect(
      body.renewals.map(
        (r: {
          accountId: string;
          daysToRenewal: number;
          window: number;
          openTickets: number;
          breachesLast30Days: number;
        }) => [r.accountId, r.daysToRenewal, r.window, r.openTickets, r.breachesLast30Days],
      ),
    ).toEqual([
      ['a5', 14, 30, 0, 0],
      ['a1', 56, 60, 0, 0],
      ['acme', 148, 150, 1, 2],
    ]);
    expect((await get('/v1/renewals')).body.renewals.map((r: { accountId: string }) => r.accountId)).toEqual([
      'a5',
      'a1',
    ]);
  });
  it('gives the same answers after every read model is rebuilt from the log', async () => {
    // Rebuilds read the log differently (batches of their own, the metadata only of the types a read
    // model uses, the timeline copied inside the database): what users see must not change.
    const answers = () =>
      Promise.all(
        [
          '/v1/metrics/retention?period=2026-Q3',
          '/v1/metrics/sla?period=2026-08',
          '/v1/accounts/acme/health',
          '/v1/renewals?withinDays=150',
          '/v1/accounts/acme/timeline',
          '/v1/queues/unassigned',
        ].map(async (path) => [path, (await get(path)).body]),
      );
    const before = await answers();
    const names = ['clock', 'queue', 'retention', 'sla', 'timeline'];
    for (const name of names) await api.http().post(`/v1/admin/projections/${name}/rebuild`).set(admin).expect(202);
    for (let rebuilt = false; !rebuilt;) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      const { body } = await api.http().get('/v1/admin/projections').set(admin).expect(200);
      rebuilt = body.projections.every((p: { state: string }) => p.state === 'running');
    }
    const { rows } = await api.db.pool.query(
      `SELECT name, active_schema FROM projections.status WHERE name = ANY ($1) ORDER BY name`,
      [names],
    );
    expect(rows.map((row) => row.active_schema)).toEqual(names.map((name) => `rm_${name}_2`));
    expect(await answers()).toEqual(before);
  });
});
