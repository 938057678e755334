import type { Static, TSchema } from '@sinclair/typebox';
import Ajv2020, { type ErrorObject, type ValidateFunction } from 'ajv/dist/2020';
import { DATE_PATTERN, INSTANT_PATTERN } from './shapes';

/** One field of a request and what is wrong with it. `field` is data: a path of the request's own keys. */
export interface FieldError {
  field: string;
  message: string;
}

/** A request that breaks its schema: every bad field, named once, with its first problem. */
export class RequestValidationError extends Error {
  constructor(readonly errors: FieldError[]) {
    super(errors.map((error) => `${error.field}: ${error.message}`).join('; '));
    this.name = 'RequestValidationError';
  }
}

const isRealDate = (text: string): boolean => {
  const [year, month, day] = text.slice(0, 10).split('-').map(Number);
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
};
const DATE = new RegExp(DATE_PATTERN);
const INSTANT = new RegExp(INSTANT_PATTERN);

/**
 * One Ajv for every schema: JSON Schema 2020-12 (the dialect of OpenAPI 3.1), every error reported,
 * nothing coerced, defaulted or removed. `date` and `date-time` are checked as the service reads
 * them: real days only (no 30 February), in the years the pattern allows. `errorMessage` and
 * `x-rule` are annotations the shapes carry (shapes.ts).
 */
const ajv = new Ajv2020({
  allErrors: true,
  strict: true,
  strictTypes: false,
  verbose: true,
  formats: {
    date: (text: string) => DATE.test(text) && isRealDate(text),
    'date-time': (text: string) => INSTANT.test(text) && isRealDate(text) && !Number.isNaN(Date.parse(text)),
    uuid: /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/,
  },
});
ajv.addKeyword({ keyword: 'errorMessage', schemaType: 'string' });
ajv.addKeyword({ keyword: 'x-rule', schemaType: 'string' });

const compiled = new WeakMap<TSchema, ValidateFunction>();

/** The compiled check of `schema`, compiled once (the edges compile theirs at start: a bad schema fails there). */
export function validatorOf(schema: TSchema): ValidateFunction {
  let validate = compiled.get(schema);
  if (!validate) {
    validate = ajv.compile(schema);
    compiled.set(schema, validate);
  }
  return validate;
}

/** What is wrong with `value` by `schema`, field by field (nothing when it fits). */
export function problemsOf(schema: TSchema, value: unknown): FieldError[] {
  const check = validatorOf(schema);
  return check(value) ? [] : fieldErrors(check.errors ?? []);
}

/** `value` as `schema` types it, or a RequestValidationError naming each bad field. */
export function validate<T extends TSchema>(schema: T, value: unknown): Static<T> {
  const problems = problemsOf(schema, value);
  if (problems.length > 0) throw new RequestValidationError(problems);
  return value as Static<T>;
}

/** Keywords whose failure says the value is not of the shape (the shape's errorMessage says what it is). */
const SHAPE_KEYWORDS = new Set(['anyOf', 'oneOf', 'format', 'pattern', 'enum', 'const']);
/** Keywords whose failure is only a consequence of another error at the same place. */
const CONSEQUENCES = new Set(['if', 'then', 'else', 'anyOf', 'oneOf', 'not']);

const A_TYPE: Record<string, string> = {
  string: 'a string',
  integer: 'an integer',
  number: 'a number',
  boolean: 'true or false',
  object: 'an object',
  array: 'an array',
  null: 'null',
};

/** The request's own path of a JSON pointer (/weeklyHours/mon/0/start is weeklyHours.mon[0].start); the root is "body". */
function fieldOf(pointer: string, child?: string): string {
  const keys =
    pointer === ''
      ? []
      : pointer
          .slice(1)
          .split('/')
          .map((key) => key.replace(/~1/g, '/').replace(/~0/g, '~'));
  if (child !== undefined) keys.push(child);
  if (keys.length === 0) return 'body';
  return keys.reduce((field, key, i) => {
    if (i === 0) return key;
    return /^[0-9]+$/.test(key) ? `${field}[${key}]` : `${field}.${key}`;
  }, '');
}

function placeOf(error: ErrorObject): string {
  const params = error.params as { missingProperty?: string; additionalProperty?: string };
  if (error.keyword === 'required') return fieldOf(error.instancePath, params.missingProperty);
  if (error.keyword === 'additionalProperties') return fieldOf(error.instancePath, params.additionalProperty);
  return fieldOf(error.instancePath);
}

function messageOf(error: ErrorObject): string {
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'required':
      return 'is required';
    case 'additionalProperties':
      return 'is not accepted here';
    case 'type':
      return `must be ${A_TYPE[String(params.type)] ?? String(params.type)}`;
    case 'enum':
      return `must be one of ${(params.allowedValues as unknown[]).join(', ')}`;
    case 'const':
      return `must be ${JSON.stringify(params.allowedValue)}`;
    case 'minLength':
      return `must be at least ${String(params.limit)} characters`;
    case 'maxLength':
      return `must be at most ${String(params.limit)} characters`;
    case 'minimum':
      return `must be at least ${String(params.limit)}`;
    case 'maximum':
      return `must be at most ${String(params.limit)}`;
    case 'minItems':
      return `must hold at least ${String(params.limit)} items`;
    case 'maxItems':
      return `must hold at most ${String(params.limit)} items`;
    case 'uniqueItems':
      return 'must not hold an item twice';
    case 'minProperties':
      return `must hold at least ${String(params.limit)} fields`;
    case 'pattern':
      return `must match ${String(params.pattern)}`;
    case 'format':
      return `must be a ${String(params.format)}`;
    default:
      return error.message ?? 'is not valid';
  }
}

/** What the shape's errorMessage says of this value ({value} stands for the value itself). */
const shapeMessage = (template: string, value: unknown) => template.replace('{value}', String(value).slice(0, 100));

/** One message for one place: the shape's own word, else the first real problem, else the types it may take. */
function messageFor(errors: ErrorObject[]): string {
  const withMessage = errors.filter(
    (error) => SHAPE_KEYWORDS.has(error.keyword) && typeof error.parentSchema?.errorMessage === 'string',
  );
  // A union's own word before its branches': "a position or an instant", not "an instant".
  const shaped = withMessage.find((error) => CONSEQUENCES.has(error.keyword)) ?? withMessage[0];
  if (shaped) return shapeMessage(shaped.parentSchema!.errorMessage as string, shaped.data);
  const problem = errors.find((error) => error.keyword !== 'type' && !CONSEQUENCES.has(error.keyword));
  if (problem) return messageOf(problem);
  const types = [
    ...new Set(errors.filter((error) => error.keyword === 'type').map((error) => String(error.params.type))),
  ];
  if (types.length > 0) return `must be ${types.map((type) => A_TYPE[type] ?? type).join(' or ')}`;
  return messageOf(errors[0]);
}

/** Ajv's errors as the API names them: one per field of the request, in the order met. */
export function fieldErrors(errors: ErrorObject[]): FieldError[] {
  const byPlace = new Map<string, ErrorObject[]>();
  for (const error of errors) {
    const place = placeOf(error);
    byPlace.set(place, [...(byPlace.get(place) ?? []), error]);
  }
  return [...byPlace].map(([field, found]) => ({ field, message: messageFor(found) }));
}
