import { agentJwt, bearer, KEYS, seedAccount, startApi, type ApiHarness } from '../support/api-app';

const writer = bearer(KEYS.writer);
let api: ApiHarness;

beforeAll(async () => {
  api = await startApi({ HTTP_BODY_LIMIT_BYTES: '65536' });
  await seedAccount(api);
  await api
    .http()
    .post('/v1/tickets')
    .set(writer)
    .send({
      id: 't1',
      accountId: 'acme',
      contactId: 'ada',
      subject: 'Export fails',
      channel: 'api',
      priority: 'urgent',
      category: 'exports',
    })
    .expect(201);
});

afterAll(async () => {
  await api.close();
});

/** Sends a request that must be refused, and proves the log did not grow. */
async function refused<
  R extends { status: number; body: { code: string; message: string; details: Record<string, unknown> } },
>(send: () => Promise<R>): Promise<R> {
  const before = await api.eventCount();
  const response = await send();
  expect(await api.eventCount()).toBe(before);
  expect(response.body).toEqual({ code: expect.any(String), message: expect.any(String), details: expect.any(Object) });
  return response;
}

describe('command errors: a clear answer, nothing appended', () => {
  it('400 names every invalid field, nested ones with their path', async () => {
    const response = await refused(() =>
      api
        .http()
        .post('/v1/accounts')
        .set(writer)
        .send({
          name: '',
          tier: 'gold',
          arr: { amountMinor: -1, currency: 'usd' },
          contractStart: '2026-02-30',
          renewalDate: '2027-01-01',
          ownerId: 'x',
          timeZone: 'UTC',
          extra: true,
        }),
    );
    expect(response.status).toBe(400);
    expect(response.body.code).toBe('validation_failed');
    const fields = (response.body.details.errors as Array<{ field: string }>).map((error) => error.field).sort();
    expect(fields).toEqual(['arr.amountMinor', 'arr.currency', 'contractStart', 'extra', 'name', 'tier']);
  });

  it('400 for a rule on input the body cannot express, naming the field (unknown time zone, unknown contact)', async () => {
    const zone = await refused(() =>
      api
        .http()
        .post('/v1/accounts')
        .set(writer)
        .send({
          name: 'Z',
          tier: 'growth',
          arr: { amountMinor: 1, currency: 'USD' },
          contractStart: '2026-01-01',
          renewalDate: '2027-01-01',
          ownerId: 'x',
          timeZone: 'Mars/Olympus',
        }),
    );
    expect([zone.status, zone.body.details.errors]).toEqual([
      400,
      [{ field: 'timeZone', message: "unknown IANA time zone 'Mars/Olympus'" }],
    ]);
    const contact = await refused(() =>
      api.http().post('/v1/tickets').set(writer).send({
        accountId: 'acme',
        contactId: 'nobody',
        subject: 's',
        channel: 'email',
        priority: 'low',
        category: 'c',
      }),
    );
    expect([contact.status, (contact.body.details.errors as Array<{ field: string }>)[0].field]).toEqual([
      400,
      'contactId',
    ]);
  });

  it('400 for a time zone that is not an IANA name (UTC+25, +01:00), checked before the state: an existing calendar id gets 400, not 409', async () => {
    const account = {
      name: 'Z',
      tier: 'growth',
      arr: { amountMinor: 1, currency: 'USD' },
      contractStart: '2026-01-01',
      renewalDate: '2027-01-01',
      ownerId: 'x',
    };
    const calendar = { name: 'C', weeklyHours: { mon: [{ start: '09:00', end: '17:00' }] } };
    for (const timeZone of ['UTC+25', '+01:00', 'UTC+5']) {
      for (const [path, body] of [
        ['/v1/accounts', { ...account, timeZone }],
        ['/v1/calendars', { ...calendar, timeZone }],
        ['/v1/calendars', { ...calendar, id: 'nyc', timeZone }],
      ] as const) {
        const response = await refused(() => api.http().post(path).set(writer).send(body));
        expect([path, response.status, response.body.details.errors]).toEqual([
          path,
          400,
          [{ field: 'timeZone', message: `unknown IANA time zone '${timeZone}'` }],
        ]);
      }
    }
    await api
      .http()
      .post('/v1/calendars')
      .set(writer)
      .send({ ...calendar, timeZone: 'Etc/GMT+5' })
      .expect(201);
  });

  it('400 for an SLA policy whose target its calendar cannot reach within a year of business time, 409 for a calendar cut down under one, and tickets of the tier still open', async () => {
    const policy = {
      name: 'Slow',
      tiers: ['standard'],
      calendarId: 'nyc',
      targets: { normal: { resolution: 480_000 } },
    };
    const refusedPolicy = await refused(() => api.http().post('/v1/sla-policies').set(writer).send(policy));
    expect([refusedPolicy.status, refusedPolicy.body.details.errors]).toEqual([
      400,
      [{ field: 'targets.normal.resolution', message: expect.stringContaining('more than a year of calendar nyc') }],
    ]);
    await api
      .http()
      .post('/v1/sla-policies')
      .set(writer)
      .send({ ...policy, targets: { normal: { resolution: 24_000 } } })
      .expect(201);
    await api
      .http()
      .post('/v1/accounts')
      .set(writer)
      .send({
        id: 'slow',
        name: 'Slow',
        tier: 'standard',
        arr: { amountMinor: 1, currency: 'USD' },
        contractStart: '2026-01-01',
        renewalDate: '2027-01-01',
        ownerId: 'x',
        timeZone: 'UTC',
      })
      .expect(201);
    await api
      .http()
      .post('/v1/accounts/slow/contacts')
      .set(writer)
      .send({ id: 'sam', name: 'Sam', email: 'sam@slow.test', role: 'user' })
      .expect(201);
    await api
      .http()
      .post('/v1/tickets')
      .set(writer)
      .send({ accountId: 'slow', contactId: 'sam', subject: 'Slow', channel: 'api', priority: 'normal', category: 'c' })
      .expect(201);
    // Nor can the calendar be cut down under the policy afterwards.
    const shorter = await refused(() =>
      api
        .http()
        .put('/v1/calendars/nyc')
        .set(writer)
        .send({
          name: 'New York',
          timeZone: 'America/New_York',
          weeklyHours: { mon: [{ start: '09:00', end: '12:00' }] },
        }),
    );
    expect([shorter.status, shorter.body.code, shorter.body.details]).toEqual([
      409,
      'sla_target_unreachable',
      { policyId: expect.any(String), target: 'normal.resolution', minutes: 24_000, limit: 180 * 52 },
    ]);
    await api
      .http()
      .post('/v1/tickets')
      .set(writer)
      .send({
        accountId: 'slow',
        contactId: 'sam',
        subject: 'Still opens',
        channel: 'api',
        priority: 'normal',
        category: 'c',
      })
      .expect(201);
  });

  it('400 for malformed JSON and for a malformed If-Match or Idempotency-Key', async () => {
    const json = await refused(() =>
      api.http().post('/v1/tickets/t1/notes').set(writer).set('Content-Type', 'application/json').send('{"authorId": '),
    );
    expect([json.status, json.body.code]).toEqual([400, 'invalid_json']);
    const ifMatch = await refused(() =>
      api
        .http()
        .post('/v1/tickets/t1/notes')
        .set(writer)
        .set('If-Match', 'yesterday')
        .send({ authorId: 'a', body: 'b' }),
    );
    expect([ifMatch.status, ifMatch.body.details.errors]).toEqual([
      400,
      [{ field: 'If-Match', message: expect.any(String) }],
    ]);
    const key = await refused(() =>
      api
        .http()
        .post('/v1/tickets/t1/notes')
        .set(writer)
        .set('Idempotency-Key', 'x'.repeat(300))
        .send({ authorId: 'a', body: 'b' }),
    );
    expect([key.status, key.body.code]).toEqual([400, 'validation_failed']);
  });

  it('400 naming the field for a nested object that is missing, null, empty or of the wrong shape', async () => {
    const account = {
      name: 'N',
      tier: 'growth',
      contractStart: '2026-01-01',
      renewalDate: '2027-01-01',
      ownerId: 'x',
      timeZone: 'UTC',
    };
    const calendar = { name: 'C', timeZone: 'UTC' };
    const policy = { name: 'P', tiers: ['growth'] };
    const mon = [{ start: '09:00', end: '17:00' }];
    const cases: Array<[string, string, unknown, string]> = [
      ['/v1/accounts', 'missing arr', account, 'arr'],
      ['/v1/accounts', 'null arr', { ...account, arr: null }, 'arr'],
      ['/v1/accounts', 'arr as an array', { ...account, arr: [] }, 'arr'],
      ['/v1/accounts/acme/renewals', 'missing arr', { renewalDate: '2028-01-01' }, 'arr'],
      ['/v1/accounts/acme/expansions', 'an empty object', {}, 'delta'],
      ['/v1/accounts/acme/contractions', 'an empty object', {}, 'delta'],
      ['/v1/tickets/t1/replies', 'missing author', { public: true, body: 'b' }, 'author'],
      ['/v1/tickets/t1/replies', 'author as a string', { author: 'agent-1', public: true, body: 'b' }, 'author'],
      ['/v1/calendars', 'missing weeklyHours', calendar, 'weeklyHours'],
      ['/v1/calendars', 'weeklyHours as an array', { ...calendar, weeklyHours: [mon] }, 'weeklyHours'],
      ['/v1/calendars', 'a null day', { ...calendar, weeklyHours: { mon: null } }, 'weeklyHours.mon'],
      ['/v1/calendars', 'a null interval', { ...calendar, weeklyHours: { mon: [null] } }, 'weeklyHours.mon[0]'],
      ['/v1/sla-policies', 'missing targets', policy, 'targets'],
      ['/v1/sla-policies', 'a priority as an array', { ...policy, targets: { urgent: [] } }, 'targets.urgent'],
      ['/v1/sla-policies', 'a null priority', { ...policy, targets: { urgent: null } }, 'targets.urgent'],
    ];
    for (const [path, what, body, field] of cases) {
      const response = await refused(() =>
        api
          .http()
          .post(path)
          .set(writer)
          .send(body as object),
      );
      const fields = ((response.body.details.errors ?? []) as Array<{ field: string }>).map((error) => error.field);
      expect({ path, what, status: response.status, named: fields.includes(field) }).toEqual({
        path,
        what,
        status: 400,
        named: true,
      });
    }
    for (const path of ['/v1/accounts/acme/expansions', '/v1/accounts/acme/contractions']) {
      const empty = await refused(() => api.http().post(path).set(writer).set('Content-Type', 'application/json'));
      expect([
        empty.status,
        (empty.body.details.errors as Array<{ field: string }>).map((error) => error.field),
      ]).toEqual([400, ['delta']]);
    }
  });

  it('400 naming the field for a body nested 10,000 deep, in a field or an unknown key, without a stack overflow', async () => {
    const deep = '['.repeat(10_000) + ']'.repeat(10_000);
    for (const [text, field] of [
      [`{"authorId": "a", "body": ${deep}}`, `body${'[0]'.repeat(31)}`],
      [`{"authorId": "a", "body": "b", "extra": {"x": ${deep}}}`, `extra.x${'[0]'.repeat(30)}`],
    ]) {
      const response = await refused(() =>
        api.http().post('/v1/tickets/t1/notes').set(writer).set('Content-Type', 'application/json').send(text),
      );
      expect([response.status, response.body.code, response.body.details.errors]).toEqual([
        400,
        'validation_failed',
        [{ field, message: 'nests deeper than 32 levels' }],
      ]);
    }
  });

  it('400 for keys named like built-in object properties, at any depth, and nothing recorded', async () => {
    for (const key of ['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty']) {
      const top = await refused(() =>
        api
          .http()
          .post('/v1/tickets/t1/notes')
          .set(writer)
          .set('Content-Type', 'application/json')
          .send(`{"authorId": "a", "body": "b", "${key}": {"polluted": true}}`),
      );
      expect([top.status, top.body.details.errors]).toEqual([
        400,
        [{ field: key, message: `'${key}' is not a field of this request` }],
      ]);
      const nested = await refused(() =>
        api
          .http()
          .post('/v1/tickets/t1/replies')
          .set(writer)
          .set('Content-Type', 'application/json')
          .send(`{"author": {"kind": "agent", "id": "agent-1", "${key}": 1}, "public": true, "body": "b"}`),
      );
      expect([nested.status, nested.body.details.errors]).toEqual([
        400,
        [{ field: `author.${key}`, message: `'${key}' is not a field of this request` }],
      ]);
    }
  });

  it('401 without a token, with an unknown key, and with a JWT for another audience or expired', async () => {
    const note = { authorId: 'a', body: 'b' };
    for (const headers of [
      {},
      bearer('sk_unknown'),
      bearer(await agentJwt('agent-1', 'tickets:write', { audience: 'someone-else' })),
      bearer(await agentJwt('agent-1', 'tickets:write', { expiresIn: '-1m' })),
      bearer(await agentJwt('agent-1', 'tickets:write', { secret: 'x'.repeat(40) })),
    ]) {
      const response = await refused(() => api.http().post('/v1/tickets/t1/notes').set(headers).send(note));
      expect([response.status, response.body.code]).toEqual([401, 'unauthorized']);
    }
  });

  it('403 when the token lacks the scope, naming the scope', async () => {
    const response = await refused(() =>
      api.http().post('/v1/tickets/t1/notes').set(bearer(KEYS.reader)).send({ authorId: 'a', body: 'b' }),
    );
    expect([response.status, response.body.details]).toEqual([403, { requiredScope: 'tickets:write' }]);
    const jwt = await refused(async () =>
      api
        .http()
        .post('/v1/sla-policies')
        .set(bearer(await agentJwt('agent-1', 'tickets:write')))
        .send({}),
    );
    expect(jwt.status).toBe(403);
    await api.http().get('/v1/tickets/t1').set(bearer(KEYS.admin)).expect(200);
  });

  it('404 for unknown ids, for commands and reads', async () => {
    const command = await refused(() =>
      api.http().post('/v1/tickets/no-such-ticket/notes').set(writer).send({ authorId: 'a', body: 'b' }),
    );
    expect([command.status, command.body.code]).toEqual([404, 'ticket_not_found']);
    const read = await refused(() => api.http().get('/v1/accounts/no-such-account').set(writer));
    expect([read.status, read.body.code]).toEqual([404, 'account_not_found']);
    const impossible = await refused(() => api.http().get('/v1/tickets/..%2F..%2Fetc').set(writer));
    expect(impossible.status).toBe(404);
  });

  it('409 for domain rule violations, with a typed code', async () => {
    const csat = await refused(() => api.http().post('/v1/tickets/t1/csat').set(writer).send({ score: 5 }));
    expect([csat.status, csat.body.code, csat.body.details]).toEqual([409, 'csat_before_solve', { status: 'new' }]);
    const transition = await refused(() =>
      api.http().post('/v1/tickets/t1/status').set(writer).send({ status: 'closed' }),
    );
    expect([transition.status, transition.body.code]).toEqual([409, 'invalid_status_transition']);
    const duplicate = await refused(() =>
      api
        .http()
        .post('/v1/calendars')
        .set(writer)
        .send({ id: 'nyc', name: 'again', timeZone: 'UTC', weeklyHours: { mon: [{ start: '09:00', end: '17:00' }] } }),
    );
    expect([duplicate.status, duplicate.body.code]).toEqual([409, 'calendar_already_exists']);
  });

  it('412 when If-Match names a revision the ticket has moved past', async () => {
    const { body } = await api.http().get('/v1/tickets/t1').set(writer).expect(200);
    await api
      .http()
      .post('/v1/tickets/t1/notes')
      .set(writer)
      .set('If-Match', `"${body.revision}"`)
      .send({ authorId: 'a', body: 'first' })
      .expect(200);
    const stale = await refused(() =>
      api
        .http()
        .post('/v1/tickets/t1/notes')
        .set(writer)
        .set('If-Match', `"${body.revision}"`)
        .send({ authorId: 'a', body: 'second' }),
    );
    expect([stale.status, stale.body.details]).toEqual([
      412,
      { streamId: 'ticket-t1', expectedRevision: body.revision, currentRevision: body.revision + 1 },
    ]);
  });

  it('413 for a body over the limit and 415 for a body that is not JSON', async () => {
    const large = await refused(() =>
      api
        .http()
        .post('/v1/tickets/t1/notes')
        .set(writer)
        .send({ authorId: 'a', body: 'x'.repeat(70_000) }),
    );
    expect([large.status, large.body.code]).toEqual([413, 'payload_too_large']);
    const text = await refused(() =>
      api.http().post('/v1/tickets/t1/notes').set(writer).set('Content-Type', 'text/plain').send('a note'),
    );
    expect([text.status, text.body.code]).toEqual([415, 'unsupported_media_type']);
    const form = await refused(() =>
      api.http().post('/v1/tickets/t1/notes').set(writer).type('form').send({ authorId: 'a', body: 'b' }),
    );
    expect(form.status).toBe(415);
  });
});

describe('idempotent retries', () => {
  it('a retry with the same Idempotency-Key returns the first answer and appends nothing', async () => {
    const send = () =>
      api
        .http()
        .post('/v1/tickets/t1/replies')
        .set(writer)
        .set('Idempotency-Key', 'reply-0001')
        .send({ author: { kind: 'agent', id: 'agent-1' }, public: true, body: 'On it' });
    const first = await send().expect(200);
    const count = await api.eventCount();
    const retry = await send().expect(200);
    expect(retry.body).toEqual(first.body);
    expect(retry.headers.etag).toBe(first.headers.etag);
    expect(retry.headers['idempotent-replayed']).toBe('true');
    expect(await api.eventCount()).toBe(count);
  });

  it('a create retried with its key answers 201 again instead of "already exists"', async () => {
    const send = () =>
      api.http().post('/v1/tickets').set(writer).set('Idempotency-Key', 'open-0001').send({
        accountId: 'acme',
        contactId: 'ada',
        subject: 'Retry me',
        channel: 'api',
        priority: 'low',
        category: 'c',
      });
    const first = await send().expect(201);
    const retry = await send().expect(201);
    expect(retry.body).toEqual(first.body);
  });

  it('the same key with another body is refused, and keys are per caller', async () => {
    await api
      .http()
      .post('/v1/tickets/t1/notes')
      .set(writer)
      .set('Idempotency-Key', 'note-0001')
      .send({ authorId: 'a', body: 'one' })
      .expect(200);
    const other = await refused(() =>
      api
        .http()
        .post('/v1/tickets/t1/notes')
        .set(writer)
        .set('Idempotency-Key', 'note-0001')
        .send({ authorId: 'a', body: 'two' }),
    );
    expect([other.status, other.body.code]).toEqual([409, 'idempotency_key_reused']);
    const count = await api.eventCount();
    await api
      .http()
      .post('/v1/tickets/t1/notes')
      .set(bearer(KEYS.admin))
      .set('Idempotency-Key', 'note-0001')
      .send({ authorId: 'a', body: 'two' })
      .expect(200);
    expect(await api.eventCount()).toBe(count + 1);
  });

  it('20 concurrent requests with one key and different bodies: one runs, every other gets 409, and the log holds the body that ran', async () => {
    const send = (i: number) =>
      api
        .http()
        .post('/v1/tickets/t1/notes')
        .set(writer)
        .set('Idempotency-Key', 'note-race-bodies')
        .send({ authorId: 'a', body: `race body ${i}` });
    const answers = await Promise.all(Array.from({ length: 20 }, (_, i) => send(i)));
    const ran = answers.flatMap((answer, i) =>
      answer.status === 200 && answer.headers['idempotent-replayed'] !== 'true' ? [i] : [],
    );
    expect(ran).toHaveLength(1);
    const others = answers.filter((_, i) => i !== ran[0]).map((answer) => [answer.status, answer.body.code]);
    expect(
      others.filter(
        ([status, code]) => status !== 409 || !['idempotency_key_reused', 'idempotency_key_in_use'].includes(code),
      ),
    ).toEqual([]);
    const recorded = (await api.log()).filter((event) =>
      String((event.data as { body?: string }).body).startsWith('race body '),
    );
    expect(recorded.map((event) => (event.data as { body: string }).body)).toEqual([`race body ${ran[0]}`]);
  });

  it('20 concurrent identical requests with one key: the command runs once, every other answer is its replay or 409 in use', async () => {
    const send = () =>
      api
        .http()
        .post('/v1/tickets/t1/notes')
        .set(writer)
        .set('Idempotency-Key', 'note-race-same')
        .send({ authorId: 'a', body: 'race same' });
    const answers = await Promise.all(Array.from({ length: 20 }, send));
    const ran = answers.filter((answer) => answer.status === 200 && answer.headers['idempotent-replayed'] !== 'true');
    expect(ran).toHaveLength(1);
    const others = answers.filter((answer) => answer !== ran[0]);
    expect(
      others.filter(
        (answer) =>
          !(answer.status === 200 && answer.headers['idempotent-replayed'] === 'true') &&
          !(answer.status === 409 && answer.body.code === 'idempotency_key_in_use'),
      ),
    ).toEqual([]);
    expect(others.filter((answer) => answer.status === 200).map((answer) => answer.body)).toEqual(
      others.filter((answer) => answer.status === 200).map(() => ran[0].body),
    );
  });

  it('concurrent retries of one keyed command append once', async () => {
    const count = await api.eventCount();
    const send = () =>
      api
        .http()
        .post('/v1/tickets/t1/notes')
        .set(writer)
        .set('Idempotency-Key', 'note-race')
        .send({ authorId: 'a', body: 'race' });
    const answers = await Promise.all(Array.from({ length: 8 }, send));
    expect(
      answers.every(
        (answer) => answer.status === 200 || (answer.status === 409 && answer.body.code === 'idempotency_key_in_use'),
      ),
    ).toBe(true);
    expect(await api.eventCount()).toBe(count + 1);
  });
});

describe('query errors: a clear 400 naming the parameter', () => {
  const reader = bearer(KEYS.reader);
  const cursor = (key: unknown) => Buffer.from(JSON.stringify(key)).toString('base64url');

  it('400 for cursors of the wrong shape, impossible asOf, periods out of range and non-decimal integers; 200 for the edges that are right', async () => {
    const cases: Array<[string, string]> = [
      [`/v1/queues/tier-1?cursor=${cursor([1, 'x', null, { a: 1 }])}`, 'cursor'],
      [
        `/v1/queues/tier-1?cursor=${cursor(['2026-13-45T00:00:00.000Z', 1, '2026-01-01T00:00:00.000Z', 't1'])}`,
        'cursor',
      ],
      [`/v1/accounts/acme/timeline?cursor=${cursor([{ position: 1 }])}`, 'cursor'],
      [`/v1/accounts/acme/timeline?cursor=${cursor(['99999999999999999999'])}`, 'cursor'],
      ['/v1/accounts/acme/timeline?asOf=9999999999999999999', 'asOf'],
      ['/v1/accounts/acme/timeline?asOf=2026-02-30T00:00:00Z', 'asOf'],
      ['/v1/accounts/acme/timeline?limit=0x10', 'limit'],
      ['/v1/metrics/sla?period=9999-12', 'period'],
      ['/v1/metrics/sla?period=0000', 'period'],
      ['/v1/metrics/retention?period=9999', 'period'],
      ['/v1/renewals?withinDays=0x10', 'withinDays'],
      ['/v1/renewals?withinDays=1e1', 'withinDays'],
    ];
    for (const [path, field] of cases) {
      const response = await api.http().get(path).set(reader);
      const fields = ((response.body.details?.errors ?? []) as Array<{ field: string }>).map((error) => error.field);
      expect({ path, status: response.status, fields }).toEqual({ path, status: 400, fields: [field] });
    }
    const position = await api.http().get('/v1/queues/tier-1').set(reader).set('X-Min-Position', '9223372036854775808');
    expect([position.status, position.body.details.errors]).toEqual([
      400,
      [{ field: 'X-Min-Position', message: expect.any(String) }],
    ]);
    const early = await api.http().get('/v1/metrics/sla?period=0050').set(reader).expect(200);
    expect(early.body.period).toEqual({ label: '0050', from: '0050-01-01', to: '0051-01-01' });
    const renewals = await api.http().get('/v1/renewals?withinDays=16').set(reader).expect(200);
    expect(renewals.body.withinDays).toBe(16);
    await api.http().get('/v1/accounts/acme/timeline?asOf=9223372036854775807').set(reader).expect(200);
    await api.http().get('/v1/accounts/acme/timeline?asOf=2026-02-28T23:59:59%2B02:00').set(reader).expect(200);
  });
});

describe('a request read one way: its keys are data, each shape refused by name', () => {
  const reader = bearer(KEYS.reader);
  const fieldsOf = (body: { details?: { errors?: Array<{ field: string }> } }) =>
    (body.details?.errors ?? []).map((error) => error.field);

  it('400 naming an unknown body key whatever it holds (regular-expression characters were a 500)', async () => {
    for (const key of ['[', 'a[', '(', '*', '+', '?', '\\', '^$', '.*']) {
      const response = await refused(() =>
        api
          .http()
          .post('/v1/accounts/acme/owner')
          .set(writer)
          .send({ [key]: 1, ownerId: 'am-1' }),
      );
      expect([key, response.status, fieldsOf(response.body)]).toEqual([key, 400, [key]]);
    }
  });

  it('400 naming a query key given twice, with brackets, of odd bytes, or unknown; 404 for a path that cannot be decoded', async () => {
    const cases: Array<[string, string]> = [
      ['/v1/queues/tier-1?tier=growth&tier=standard', 'tier'],
      ['/v1/tickets/t1/history?a[=1', 'a['],
      ['/v1/queues/tier-1?state[]=paused', 'state[]'],
      ['/v1/queues/tier-1?limit=10&limit=20', 'limit'],
      ['/v1/accounts/acme/history?types=A&types=B', 'types'],
      ['/v1/queues/tier-1?%E0%A4%A=1', '\ufffd%A'],
    ];
    for (const [path, field] of cases) {
      const response = await api.http().get(path).set(reader);
      expect({ path, status: response.status, fields: fieldsOf(response.body) }).toEqual({
        path,
        status: 400,
        fields: [field],
      });
    }
    for (const path of ['/v1/accounts/%E0%A4%A', '/v1/accounts/%', '/v1/queues/%00', '/v1/accounts/a%20b/health']) {
      const response = await api.http().get(path).set(reader);
      expect([path, response.status, response.body.code]).toEqual([path, 404, 'not_found']);
    }
  });

  it('405 with Allow for a method a path does not have, before its body is read; OPTIONS lists them', async () => {
    for (const [method, path, allow] of [
      ['delete', '/v1/accounts', 'POST, OPTIONS'],
      ['put', '/v1/accounts/acme', 'GET, HEAD, OPTIONS'],
      ['patch', '/v1/tickets/t1/notes', 'POST, OPTIONS'],
      ['post', '/health', 'GET, HEAD, OPTIONS'],
    ] as const) {
      const response = await refused(() =>
        api.http()[method](path).set(writer).set('Content-Type', 'application/json').send('{not json'),
      );
      expect([path, response.status, response.headers.allow, response.body.code]).toEqual([
        path,
        405,
        allow,
        'method_not_allowed',
      ]);
    }
    const options = await api.http().options('/v1/accounts/acme/contacts');
    expect([options.status, options.headers.allow]).toEqual([204, 'POST, OPTIONS']);
  });
});

describe('concurrent commands on one ticket', () => {
  it('50 concurrent notes: every accepted note is recorded once, at its own revision; refused ones append nothing', async () => {
    const before = await api.eventCount();
    const answers = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        api
          .http()
          .post('/v1/tickets/t1/notes')
          .set(writer)
          .send({ authorId: 'a', body: `note ${i}` }),
      ),
    );
    const accepted = answers.flatMap((answer, i) =>
      answer.status === 200 ? [{ revision: answer.body.revision as number, body: `note ${i}` }] : [],
    );
    expect(
      answers
        .filter((answer) => answer.status !== 200)
        .every((answer) => answer.status === 409 && answer.body.code === 'write_conflict'),
    ).toBe(true);
    expect(accepted.length).toBeGreaterThan(0);
    const notes = (await api.log()).filter(
      (event) => event.streamId === 'ticket-t1' && String((event.data as { body?: string }).body).startsWith('note '),
    );
    // Each accepted note sits at the revision its answer named; no note is lost or doubled.
    expect(
      notes.map((event) => ({ revision: Number(event.revision), body: (event.data as { body: string }).body })),
    ).toEqual(accepted.sort((a, b) => a.revision - b.revision));
    expect(await api.eventCount()).toBe(before + accepted.length);
  });

  it('50 concurrent priority changes pinned with If-Match to one revision: exactly one wins, 49 get 412', async () => {
    const { body } = await api.http().get('/v1/tickets/t1').set(writer).expect(200);
    const answers = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        api
          .http()
          .post('/v1/tickets/t1/priority')
          .set(writer)
          .set('If-Match', `"${body.revision}"`)
          .send({ priority: ['low', 'normal', 'high'][i % 3] }),
      ),
    );
    expect(answers.filter((answer) => answer.status === 200)).toHaveLength(1);
    expect(answers.filter((answer) => answer.status === 412)).toHaveLength(49);
  });
});
