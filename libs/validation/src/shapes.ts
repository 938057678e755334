import { Type, type SchemaOptions, type TSchema, type TUnsafe } from '@sinclair/typebox';
import { TIME_ZONES } from '@app/domain';

/**
 * The shapes requests are made of, as JSON Schema (TypeBox builds the schema and its TypeScript type
 * at once). The same object validates a request (validator.ts) and states it in the OpenAPI
 * document, so the two cannot say different things. `errorMessage` says what a value of the shape
 * is, for the answer to one that is not (docs/design.md §8).
 *
 * Patterns spell character classes out ([0-9], never \d or \w): JSON Schema patterns are ECMA-262,
 * and generators in other languages read \d as any Unicode digit.
 */

/** What an id looks like: the tail of a stream name (account-<id>, ticket-<id>). */
export const ID_PATTERN = '^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$';
export const ID_RULE = '1–64 letters, digits, _ or -, starting with a letter or digit';

/**
 * Decimal digits of a whole number from 0 to `max`, without leading zeros, as a pattern: for each
 * digit of `max`, the numbers that share its digits so far and are lower at that one.
 */
function decimalUpTo(max: bigint): string {
  const digits = max.toString();
  const shorter = digits.length > 1 ? [`[1-9][0-9]{0,${digits.length - 2}}`] : [];
  const lower = [...digits].flatMap((digit, i) => {
    const least = i === 0 ? 1 : 0;
    if (Number(digit) <= least) return [];
    const rest = digits.length - i - 1;
    return [`${digits.slice(0, i)}[${least}-${Number(digit) - 1}]${rest > 0 ? `[0-9]{${rest}}` : ''}`];
  });
  return `^(0|${[...shorter, ...lower, digits].join('|')})$`;
}

/** A log position as the API writes it: a 64-bit integer in decimal digits. */
export const POSITION_PATTERN = decimalUpTo(2n ** 63n - 1n);

/** No NUL character: PostgreSQL's jsonb and text cannot hold one. */
const NO_NUL = '^[^\\u0000]*$';

const YEAR = '(?!0000)[0-9]{4}';
const DATE = `${YEAR}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])`;
/** UTC offsets of this world: -14:00 to +14:00 (PostgreSQL refuses beyond ±15:59). */
const OFFSET = '(Z|[+-](0[0-9]|1[0-4]):[0-5][0-9])';
export const DATE_PATTERN = `^${DATE}$`;
export const INSTANT_PATTERN = `^${DATE}T([01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9](\\.[0-9]{1,9})?${OFFSET}$`;

/** An id of something named in the request (`what`: "an account id"). */
export const Id = (what = 'an id', options: SchemaOptions = {}) =>
  Type.String({ pattern: ID_PATTERN, errorMessage: `must be ${what}: ${ID_RULE}`, ...options });

/** Free text of min to max characters. */
export const Text = (minLength: number, maxLength: number, options: SchemaOptions = {}) =>
  Type.String({
    minLength,
    maxLength,
    pattern: NO_NUL,
    errorMessage: 'must be text without NUL characters',
    ...options,
  });

/** One of a fixed list of strings. */
export const OneOf = <const T extends readonly string[]>(values: T, options: SchemaOptions = {}): TUnsafe<T[number]> =>
  Type.Unsafe<T[number]>({ type: 'string', enum: [...values], ...options });

/** A nullable value: null is a value of its own, not leaving the field out. */
export const Nullable = <T extends TSchema>(schema: T, options: SchemaOptions = {}) =>
  Type.Union([schema, Type.Null()], options);

/** An object that takes no field it does not name. */
export const Strict = <T extends Parameters<typeof Type.Object>[0]>(properties: T, options: SchemaOptions = {}) =>
  Type.Object(properties, { additionalProperties: false, ...options });

/** A real calendar date, YYYY-MM-DD, in the years 0001–9999 (2026-02-30 is refused). */
export const CalendarDate = (options: SchemaOptions = {}) =>
  Type.String({
    format: 'date',
    pattern: DATE_PATTERN,
    errorMessage: 'must be a real calendar date, YYYY-MM-DD',
    ...options,
  });

/** A real instant, RFC 3339 with seconds and an offset (2026-07-01T00:00:00Z, …:00.5+02:00). */
export const Instant = (options: SchemaOptions = {}) =>
  Type.String({
    format: 'date-time',
    pattern: INSTANT_PATTERN,
    errorMessage: 'must be an ISO 8601 instant with seconds and an offset, e.g. 2026-07-01T00:00:00Z',
    ...options,
  });

/** A log position (digits) or an instant: what time travel (`asOf`) takes. */
export const PositionOrInstant = (options: SchemaOptions = {}) =>
  Type.Union([Type.String({ pattern: POSITION_PATTERN }), Instant()], {
    errorMessage: 'must be a log position (digits) or an ISO 8601 instant, e.g. 2026-07-01T00:00:00Z',
    ...options,
  });

/** The IANA time zone names the service takes (the OpenAPI document lists them once, as TimeZone). */
export const TimeZone = Type.Unsafe<string>({
  type: 'string',
  enum: [...TIME_ZONES],
  description: 'An IANA time zone name, e.g. America/New_York, Europe/Berlin or UTC.',
  errorMessage: "unknown IANA time zone '{value}'",
});

/** Money in integer minor units (cents) and an ISO 4217 currency. */
export const Money = (options: SchemaOptions = {}) =>
  Strict(
    {
      amountMinor: Type.Integer({ minimum: 0, maximum: Number.MAX_SAFE_INTEGER }),
      currency: Type.String({ pattern: '^[A-Z]{3}$', errorMessage: 'must be an ISO 4217 code like USD' }),
    },
    options,
  );

/** An email address: something@domain.tld without spaces (the service sends no mail; it keeps the address). */
export const Email = (options: SchemaOptions = {}) =>
  Type.String({
    maxLength: 254,
    pattern: '^[^@ \\t\\r\\n\\u0000]+@[^@ \\t\\r\\n\\u0000]+\\.[^@ \\t\\r\\n\\u0000]+$',
    errorMessage: 'must be an email address',
    ...options,
  });

/**
 * A rule of a field that JSON Schema cannot state (a date after another, an id that must exist),
 * as an annotation of the field's schema: breaking it is a 400 naming the field, as breaking the
 * schema is, and the OpenAPI document lists it in the operation's 400.
 */
export const rule = (text: string) => ({ 'x-rule': text });
