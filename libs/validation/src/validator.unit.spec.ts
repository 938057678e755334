import { Type } from '@sinclair/typebox';
import {
  CalendarDate,
  Id,
  Instant,
  Money,
  Nullable,
  POSITION_PATTERN,
  PositionOrInstant,
  Strict,
  Text,
  TimeZone,
} from './shapes';
import { validateQuery } from './query';
import { problemsOf, RequestValidationError, validate } from './validator';

const Account = Strict({
  name: Text(1, 20),
  arr: Money(),
  start: CalendarDate(),
  zone: Type.Optional(TimeZone),
  owner: Type.Optional(Nullable(Id('an owner id'))),
  minutes: Type.Optional(Nullable(Type.Integer({ minimum: 1 }))),
  days: Type.Optional(Type.Array(Strict({ at: Instant() }))),
});
const valid = { name: 'Acme', arr: { amountMinor: 100, currency: 'USD' }, start: '2026-01-31' };

describe('validate: every bad field named once, by its path in the request', () => {
  it('passes a valid request through unchanged', () => {
    expect(validate(Account, valid)).toBe(valid);
  });

  it('names unknown keys as data, whatever characters they hold (no key is ever code)', () => {
    for (const key of ['[', 'a[', '(', '*', '+', '?', '\\', '$', '^.*', '__proto__', '', 'a.b', 'x/y', '~0'])
      expect(problemsOf(Account, { ...valid, [key]: 1 })).toEqual([{ field: key, message: 'is not accepted here' }]);
    expect(problemsOf(Account, { ...valid, arr: { ...valid.arr, '[': 1 } })).toEqual([
      { field: 'arr.[', message: 'is not accepted here' },
    ]);
  });

  it('names nested fields and array items by their path', () => {
    expect(
      problemsOf(Account, {
        ...valid,
        arr: { amountMinor: -1, currency: 'usd' },
        days: [{ at: '2026-07-01T00:00:00Z' }, { at: '2026-02-30T00:00:00Z' }],
      }),
    ).toEqual([
      { field: 'arr.amountMinor', message: 'must be at least 0' },
      { field: 'arr.currency', message: 'must be an ISO 4217 code like USD' },
      { field: 'days[1].at', message: expect.stringMatching(/^must be an ISO 8601 instant/) },
    ]);
  });

  it('says what a missing field, a wrong type and a nullable field take', () => {
    const { name: _name, ...nameless } = valid;
    expect(problemsOf(Account, { ...nameless, minutes: 'x', owner: 5 })).toEqual([
      { field: 'name', message: 'is required' },
      { field: 'owner', message: 'must be a string or null' },
      { field: 'minutes', message: 'must be an integer or null' },
    ]);
    expect(problemsOf(Account, { ...valid, minutes: 0, owner: '-x' })).toEqual([
      { field: 'owner', message: expect.stringMatching(/^must be an owner id: 1–64 letters/) },
      { field: 'minutes', message: 'must be at least 1' },
    ]);
    expect(problemsOf(Account, { ...valid, minutes: null, owner: null })).toEqual([]);
  });

  it('takes real calendar dates and instants only, and IANA zone names only', () => {
    for (const start of ['2026-02-30', '2025-02-29', '0000-01-01', '2026-1-01', '2026-01-01T00:00:00Z'])
      expect(problemsOf(Account, { ...valid, start })).toEqual([
        { field: 'start', message: 'must be a real calendar date, YYYY-MM-DD' },
      ]);
    expect(problemsOf(Account, { ...valid, start: '2024-02-29' })).toEqual([]);
    for (const at of ['2026-07-01T23:59:60Z', '2026-07-01T00:00Z', '2026-07-01T00:00:00', '2026-07-01t00:00:00z'])
      expect(problemsOf(Account, { ...valid, days: [{ at }] })).toHaveLength(1);
    expect(problemsOf(Account, { ...valid, days: [{ at: '2026-07-01T00:00:00.123456789+05:30' }] })).toEqual([]);
    expect(problemsOf(Account, { ...valid, zone: 'Mars/Olympus' })).toEqual([
      { field: 'zone', message: "unknown IANA time zone 'Mars/Olympus'" },
    ]);
    for (const zone of ['UTC', 'Etc/GMT+5', 'America/New_York', 'US/Eastern'])
      expect(problemsOf(Account, { ...valid, zone })).toEqual([]);
  });

  it('says a union in its own words', () => {
    const AsOf = Strict({ asOf: PositionOrInstant() });
    expect(problemsOf(AsOf, { asOf: 'yesterday' })).toEqual([
      { field: 'asOf', message: expect.stringMatching(/^must be a log position \(digits\) or an ISO 8601 instant/) },
    ]);
    expect(problemsOf(AsOf, { asOf: '42' })).toEqual([]);
  });

  it('names the body itself when it is not an object', () => {
    for (const body of [[], null, 'text', 42])
      expect(problemsOf(Account, body)).toEqual([{ field: 'body', message: 'must be an object' }]);
  });

  it('throws a RequestValidationError listing the fields', () => {
    expect(() => validate(Account, {})).toThrow(RequestValidationError);
    expect(() => validate(Account, {})).toThrow('name: is required; arr: is required; start: is required');
  });
});

describe('validateQuery: one reading of every query string', () => {
  const Page = Strict({
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500 })),
    types: Type.Optional(Type.Array(Type.String({ pattern: '^[A-Za-z]{1,100}$' }))),
    tier: Type.Optional(Type.String()),
  });
  const problems = (raw: Record<string, string | string[]>) => {
    try {
      validateQuery(Page, raw);
      return [];
    } catch (error) {
      return (error as RequestValidationError).errors;
    }
  };

  it('types integers from decimal digits only and splits lists on commas', () => {
    expect(validateQuery(Page, { limit: '10', types: 'A,B' })).toEqual({ limit: 10, types: ['A', 'B'] });
    for (const limit of ['0x10', '1e3', '', ' 1', '1.5'])
      expect(problems({ limit })).toEqual([{ field: 'limit', message: 'must be an integer' }]);
  });

  it('refuses a key given twice, and keys it does not know, naming them as given', () => {
    expect(problems({ tier: ['a', 'b'], types: ['A', 'B'] })).toEqual([
      { field: 'tier', message: 'must be given once' },
      { field: 'types', message: 'must be given once, comma-separated' },
    ]);
    expect(problems({ 'a[': '1', 'b[c]': '2', '\u{fffd}': '3' })).toEqual([
      { field: 'a[', message: 'is not accepted here' },
      { field: 'b[c]', message: 'is not accepted here' },
      { field: '\u{fffd}', message: 'is not accepted here' },
    ]);
  });
});

describe('positions', () => {
  const Position = Type.String({ pattern: POSITION_PATTERN });
  it('takes every 64-bit integer in decimal digits and nothing beyond', () => {
    for (const text of ['0', '7', '10', '999999999999999999', '9223372036854775806', '9223372036854775807'])
      expect([text, problemsOf(Position, text)]).toEqual([text, []]);
    for (const text of ['', '-1', '007', '9223372036854775808', '9300000000000000000', '10000000000000000000', '1.5'])
      expect([text, problemsOf(Position, text).length]).toEqual([text, 1]);
  });
});
