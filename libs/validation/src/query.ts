import type { Static, TObject, TSchema } from '@sinclair/typebox';
import { problemsOf, RequestValidationError, type FieldError } from './validator';

/** A query string as node:querystring parses it: a key given twice holds an array. */
export type RawQuery = Record<string, string | string[] | undefined>;

/** Decimal digits only: Number() would read "0x10" as 16, "1e3" as 1000 and "" as 0. */
const INTEGER = /^-?[0-9]{1,15}$/;

/** One parameter's text as its schema types it; what does not fit stays text, for the schema to refuse. */
function typed(schema: TSchema | undefined, text: string): unknown {
  if (schema?.type === 'integer') return INTEGER.test(text) ? Number(text) : text;
  // A list is one parameter, comma-separated (OpenAPI's style form with explode false).
  if (schema?.type === 'array') return text === '' ? [] : text.split(',');
  return text;
}

/**
 * A query string checked against the object schema of its parameters: each given once, typed as
 * the schema says, no parameter the schema does not name. Keys are data, whatever they hold.
 */
export function validateQuery<T extends TObject>(schema: T, raw: RawQuery): Static<T> {
  const repeated: FieldError[] = [];
  const query: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(raw)) {
    if (value === undefined) continue;
    const property = Object.hasOwn(schema.properties, key) ? schema.properties[key] : undefined;
    if (Array.isArray(value))
      repeated.push({
        field: key,
        message: property?.type === 'array' ? 'must be given once, comma-separated' : 'must be given once',
      });
    else query[key] = typed(property, value);
  }
  // A repeated key is left out of what is checked, so the schema may call it missing too: say it once.
  const named = new Set(repeated.map((problem) => problem.field));
  const problems = [...repeated, ...problemsOf(schema, query).filter((problem) => !named.has(problem.field))];
  if (problems.length > 0) throw new RequestValidationError(problems);
  return query as Static<T>;
}
