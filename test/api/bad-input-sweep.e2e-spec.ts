import { EVENT_STORE, type EventStore } from '../../libs/event-store/src';
import { Random } from '../../libs/simulator/src';
import { bearer, KEYS, seedAccount, startApi, type ApiHarness } from '../support/api-app';

/**
 * Bad input, generated from the OpenAPI document the API serves: for every command endpoint at least
 * PER_ENDPOINT requests that break one or two things of a valid body (a field left out, null, of
 * another type, huge, nested too deep, an unknown or prototype key, a bad enum, date, zone or number),
 * plus malformed bodies and wrong media types; for every query endpoint its parameters likewise.
 * Deterministic for SEED. Every answer must be below 500; a refusal must leave the log as it was;
 * a 400 with field errors must name fields of the request itself.
 */
const SEED = 15;
const PER_ENDPOINT = 300;
const writer = bearer(KEYS.writer);

interface Schema {
  type?: string;
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  enum?: unknown[];
  $ref?: string;
  allOf?: Schema[];
  nullable?: boolean;
}
interface Operation {
  parameters?: Array<{ name: string; in: string }>;
  requestBody?: { content: { 'application/json': { schema: Schema } } };
}
type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Values a request may well carry, by field name; others follow the schema's type. */
const VALID: Record<string, Json> = {
  name: 'Name',
  email: 'ada@example.test',
  currency: 'USD',
  amountMinor: 100,
  timeZone: 'UTC',
  start: '09:00',
  end: '17:00',
  contractStart: '2026-01-01',
  renewalDate: '2027-01-01',
  effectiveDate: '2026-06-01',
  accountId: 'acme',
  contactId: 'ada',
  calendarId: 'nyc',
  score: 7,
  rating: 4,
  holidays: ['2026-12-25'],
  into: 't2',
  targetTicketId: 't2',
  first_response: 60,
  resolution: 480,
  atRiskMinutes: 15,
};
const PATH_IDS: Record<string, string> = { id: 'acme', calendarId: 'nyc', policyId: 'growth-247', contactId: 'bob' };

/** Values no field of this API takes, each with what it tries. */
const BAD_VALUES: Array<[string, Json]> = [
  ['null', null],
  ['a number', 12345],
  ['a negative number', -1],
  ['a fraction', 1.5],
  ['a huge number', 1e308],
  ['beyond safe integers', 2 ** 60],
  ['a string', 'text'],
  ['an empty string', ''],
  ['a numeric string', '1'],
  ['a boolean', true],
  ['an empty array', []],
  ['an array of null', [null]],
  ['an empty object', {}],
  ['an object', { nested: 'x' }],
  ['a huge string', 'x'.repeat(70_000)],
  ['an enum of no field', 'bogus'],
  ['an impossible date', '2026-02-30'],
  ['an impossible instant', '2026-02-30T25:61:00Z'],
  ['an offset for a zone', 'UTC+25'],
  ['a control character', 'a\u0000b'],
  ['a lone surrogate', '\ud800'],
  ['nested 64 deep', JSON.parse('['.repeat(64) + ']'.repeat(64)) as Json],
];
const PROTOTYPE_KEYS = ['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty'];

class Sweep {
  constructor(
    private readonly document: { components: { schemas: Record<string, Schema> } },
    private readonly random: Random,
  ) {}

  resolve(schema: Schema): Schema {
    if (schema.$ref) return this.resolve(this.document.components.schemas[schema.$ref.split('/').pop() as string]);
    if (schema.allOf?.length) return this.resolve(schema.allOf[0]);
    return schema;
  }

  valid(schema: Schema, name = ''): Json {
    const resolved = this.resolve(schema);
    if (name in VALID) return VALID[name];
    if (resolved.enum) return resolved.enum[0] as Json;
    if (resolved.type === 'object' || resolved.properties) {
      return Object.fromEntries(
        Object.entries(resolved.properties ?? {}).flatMap(([key, property]) =>
          key === 'id' ? [] : [[key, this.valid(property, key)]],
        ),
      );
    }
    if (resolved.type === 'array') return resolved.items ? [this.valid(resolved.items, name)] : [];
    if (resolved.type === 'integer' || resolved.type === 'number') return 1;
    if (resolved.type === 'boolean') return true;
    return name.endsWith('Id') ? 'ok-id' : 'text';
  }

  /** Every field's path in a body, objects and array items included. */
  paths(value: Json, prefix: Array<string | number> = []): Array<Array<string | number>> {
    if (value === null || typeof value !== 'object') return [prefix];
    const entries: Array<[string | number, Json]> = Array.isArray(value)
      ? value.map((item, i) => [i, item])
      : Object.entries(value);
    return [
      ...(prefix.length > 0 ? [prefix] : []),
      ...entries.flatMap(([key, item]) => this.paths(item, [...prefix, key])),
    ];
  }

  /** One request's body text: the valid body with one or two things broken, and the keys it added. */
  mutate(valid: Json): { what: string; text: string; added: string[] } {
    const body = structuredClone(valid);
    const whats: string[] = [];
    const added: string[] = [];
    let extraKey: { at: Array<string | number>; key: string } | undefined;
    for (let change = 0; change < (this.random.next() < 0.2 ? 2 : 1); change += 1) {
      const paths = this.paths(body);
      const path = paths[this.random.int(0, paths.length - 1)] ?? [];
      const kind = this.random.next();
      if (kind < 0.15 && path.length > 0) {
        setAt(body, path, undefined);
        whats.push(`${path.join('.')} left out`);
      } else if (kind < 0.25) {
        extraKey = {
          at: path.length > 0 && isObject(getAt(body, path)) ? path : [],
          key: PROTOTYPE_KEYS[this.random.int(0, PROTOTYPE_KEYS.length - 1)],
        };
        whats.push(`${extraKey.key} key at ${extraKey.at.join('.') || 'top'}`);
        added.push(extraKey.key);
      } else if (kind < 0.3) {
        const unknown = `unknown${this.random.int(1, 9)}`;
        setAt(body, [...path.slice(0, -1), unknown], 'x');
        whats.push(`an unknown field ${unknown}`);
        added.push(unknown);
      } else {
        const [name, value] = BAD_VALUES[this.random.int(0, BAD_VALUES.length - 1)];
        setAt(body, path, structuredClone(value));
        whats.push(`${path.join('.') || 'body'} as ${name}`);
      }
    }
    let text = JSON.stringify(body) ?? 'null';
    if (extraKey) text = withKey(body, extraKey.at, extraKey.key);
    return { what: whats.join(', '), text, added };
  }
}

const isObject = (value: unknown): value is Record<string, Json> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
function getAt(value: Json, path: Array<string | number>): Json | undefined {
  return path.reduce<Json | undefined>(
    (node, key) =>
      node !== null && typeof node === 'object' ? (node as Record<string, Json>)[key as string] : undefined,
    value,
  );
}
function setAt(value: Json, path: Array<string | number>, to: Json | undefined): void {
  const parent = getAt(value, path.slice(0, -1));
  if (parent === null || typeof parent !== 'object' || path.length === 0) return;
  const key = path[path.length - 1];
  if (to === undefined) delete (parent as Record<string, Json>)[key as string];
  else (parent as Record<string, Json>)[key as string] = to;
}
/** JSON text of `body` with `key` (which JSON.stringify would not write as data) added to the object at `at`. */
function withKey(body: Json, at: Array<string | number>, key: string): string {
  const target = at.length === 0 ? body : getAt(body, at);
  if (!isObject(target)) return JSON.stringify(body);
  target.sweepMarker = 0;
  const text = JSON.stringify(body).replace('"sweepMarker":0', `"${key}":{"polluted":true}`);
  delete target.sweepMarker;
  return text;
}

const MALFORMED: Array<[string, string, string]> = [
  ['truncated JSON', 'application/json', '{"a": '],
  ['a top-level array', 'application/json', '[]'],
  ['a top-level null', 'application/json', 'null'],
  ['a top-level string', 'application/json', '"text"'],
  ['a top-level number', 'application/json', '42'],
  ['text/plain', 'text/plain', '{"a": 1}'],
  ['form data', 'application/x-www-form-urlencoded', 'a=1&b=2'],
  ['an empty JSON body', 'application/json', ''],
  ['a JSON body 10,000 deep', 'application/json', '{"a":' + '['.repeat(10_000) + ']'.repeat(10_000) + '}'],
];

type Document = { paths: Record<string, Record<string, Operation>>; components: { schemas: Record<string, Schema> } };

let api: ApiHarness;
let document: { paths: Record<string, Record<string, Operation>>; components: { schemas: Record<string, Schema> } };
const fillPath = (path: string) =>
  path.replace(/\{(\w+)\}/g, (_, name: string) =>
    path.startsWith('/v1/tickets') && name === 'id' ? 't1' : PATH_IDS[name],
  );

beforeAll(async () => {
  // The API alone: a projector's open transactions would hold back the log head this test compares.
  api = await startApi({ ROLES: 'api' });
  await seedAccount(api);
  await api
    .http()
    .post('/v1/accounts/acme/contacts')
    .set(writer)
    .send({ id: 'bob', name: 'Bob', email: 'bob@acme.test', role: 'user' })
    .expect(201);
  for (const id of ['t1', 't2'])
    await api
      .http()
      .post('/v1/tickets')
      .set(writer)
      .send({
        id,
        accountId: 'acme',
        contactId: 'ada',
        subject: 'Sweep',
        channel: 'api',
        priority: 'urgent',
        category: 'c',
      })
      .expect(201);
  document = (await api.http().get('/docs-json').expect(200)).body as Document;
});

afterAll(async () => {
  await api.close();
});

const head = () => api.app.get<EventStore>(EVENT_STORE).headPosition();

let sent = 0;
/** Refusals that named a field of the body: proof the sweep reached the validation of bodies. */
let bodyFieldsNamed = 0;

/**
 * Sends one bad request and checks the answer; returns what was wrong with it, if anything. A
 * refusal must append nothing: when the log head moved meanwhile (an earlier command's events can
 * become readable a moment late), the log is searched for events of this request's correlation id.
 */
async function check(
  method: string,
  path: string,
  contentType: string,
  text: string,
  fields: Set<string>,
): Promise<string | undefined> {
  const correlationId = `sweep-${(sent += 1)}`;
  const before = await head();
  const request = api.http()[method as 'post' | 'put' | 'get'](path).set(writer).set('X-Correlation-Id', correlationId);
  const response = contentType ? await request.set('Content-Type', contentType).send(text) : await request;
  if (response.status >= 500) return `answered ${response.status}: ${JSON.stringify(response.body).slice(0, 300)}`;
  if (
    response.status >= 400 &&
    (await head()) !== before &&
    (await api.log()).some((event) => event.metadata.correlationId === correlationId)
  ) {
    return `answered ${response.status} but appended`;
  }
  const errors = (response.body?.details?.errors ?? []) as Array<{ field: string }>;
  if (response.status === 400 && response.body.code === 'validation_failed') {
    if (errors.length === 0) return 'a validation error without field errors';
    const foreign = errors.map((error) => error.field).filter((field) => !fields.has(field.split(/[.[]/)[0]));
    if (foreign.length > 0) return `named fields that are not the request's: ${foreign.join(', ')}`;
    if (errors.some((error) => !/^[A-Z]/.test(error.field))) bodyFieldsNamed += 1;
  }
  return undefined;
}

describe('a generated sweep of bad input: never a 5xx, nothing appended, the request’s own fields named', () => {
  it(`at least ${PER_ENDPOINT} bad requests for every command endpoint`, async () => {
    const random = new Random(SEED);
    const sweep = new Sweep(document, random);
    const problems: string[] = [];
    let endpoints = 0;
    for (const [template, operations] of Object.entries(document.paths)) {
      for (const [method, operation] of Object.entries(operations)) {
        const schema = operation.requestBody?.content['application/json']?.schema;
        if (!schema || !['post', 'put'].includes(method)) continue;
        endpoints += 1;
        const path = fillPath(template);
        const resolved = sweep.resolve(schema);
        const fields = new Set([
          'body',
          ...Object.keys(resolved.properties ?? {}),
          ...(operation.parameters ?? []).map((parameter) => parameter.name),
        ]);
        const valid = sweep.valid(schema);
        for (const [what, contentType, text] of MALFORMED) {
          const problem = await check(method, path, contentType, text, new Set([...fields, 'a']));
          if (problem) problems.push(`${method.toUpperCase()} ${template} with ${what}: ${problem}`);
        }
        for (let n = MALFORMED.length; n < PER_ENDPOINT; n += 1) {
          const { what, text, added } = sweep.mutate(valid);
          const problem = await check(method, path, 'application/json', text, new Set([...fields, ...added]));
          if (problem) problems.push(`${method.toUpperCase()} ${template} with ${what}: ${problem}`);
        }
      }
    }
    expect(endpoints).toBeGreaterThanOrEqual(20);
    expect(bodyFieldsNamed).toBeGreaterThan(endpoints * 100);
    expect(problems.slice(0, 20)).toEqual([]);
  }, 600_000);

  it('bad values for every query parameter of every query endpoint', async () => {
    const random = new Random(SEED + 1);
    const problems: string[] = [];
    const values = [
      '',
      'bogus',
      '-1',
      '0',
      '0x10',
      '1e3',
      '99999999999999999999',
      '2026-02-30T00:00:00Z',
      '9999-12',
      '0000',
      'null',
      '[]',
      '{}',
      '%00',
      'x'.repeat(5_000),
      Buffer.from('[1,"x",null,{}]').toString('base64url'),
    ];
    for (const [template, operations] of Object.entries(document.paths)) {
      const operation = operations.get;
      const parameters = (operation?.parameters ?? []).filter((parameter) => parameter.in === 'query');
      if (!operation || parameters.length === 0) continue;
      const fields = new Set([...parameters.map((parameter) => parameter.name), 'X-Min-Position']);
      for (const parameter of parameters) {
        for (const value of values) {
          const path = `${fillPath(template)}?${parameter.name}=${encodeURIComponent(value)}`;
          const problem = await check('get', path, '', '', fields);
          if (problem) problems.push(`GET ${path.slice(0, 120)}: ${problem}`);
        }
      }
      for (let n = 0; n < 20; n += 1) {
        const query = parameters
          .map((parameter) => `${parameter.name}=${encodeURIComponent(values[random.int(0, values.length - 1)])}`)
          .join('&');
        const problem = await check('get', `${fillPath(template)}?${query}`, '', '', fields);
        if (problem) problems.push(`GET ${template}?${query.slice(0, 120)}: ${problem}`);
      }
    }
    expect(problems.slice(0, 20)).toEqual([]);
  }, 300_000);
});
