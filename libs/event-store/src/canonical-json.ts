import type { JsonValue } from './event-store.port';

/**
 * JSON as PostgreSQL's `jsonb` prints it, the canonical form the hash chain covers (hash-chain.ts):
 * object keys shorter first, then by their UTF-8 bytes; `", "` between items and `": "` after keys;
 * strings escaped as JSON.stringify does (as PostgreSQL does: `"`, `\`, and control characters);
 * numbers in plain decimal, never with an exponent. Any JSON a store gives back reads the same, so
 * PostgreSQL computes and checks the chain itself, in SQL, at the speed of its own functions.
 */
export function canonicalJson(value: JsonValue): string {
  if (value === null) return 'null';
  if (typeof value === 'string' || typeof value === 'boolean') return JSON.stringify(value);
  if (typeof value === 'number') return plainDecimal(value);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(', ')}]`;
  const keys = Object.keys(value).filter((key) => value[key] !== undefined);
  keys.sort(byJsonbOrder);
  return `{${keys.map((key) => `${JSON.stringify(key)}: ${canonicalJson(value[key])}`).join(', ')}}`;
}

function byJsonbOrder(a: string, b: string): number {
  const [left, right] = [Buffer.from(a), Buffer.from(b)];
  return left.length - right.length || Buffer.compare(left, right);
}

/** The shortest decimal that reads back as the number (as JSON.stringify finds it), written out without an exponent. */
function plainDecimal(value: number): string {
  if (!Number.isFinite(value)) throw new Error(`${value} is not a JSON number`);
  const text = JSON.stringify(value);
  const match = /^(-?)(\d)(?:\.(\d+))?e([+-]\d+)$/.exec(text);
  if (!match) return text;
  const [, sign, first, rest = '', exponentText] = match;
  const digits = first + rest;
  const exponent = Number(exponentText);
  if (exponent >= 0) return sign + digits.padEnd(exponent + 1, '0');
  return `${sign}0.${'0'.repeat(-exponent - 1)}${digits}`;
}
