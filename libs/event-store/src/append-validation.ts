import { InvalidAppendError, InvalidReadError } from './event-store.errors';
import type { EventToAppend, ExpectedRevision } from './event-store.port';

export interface AppendLimits {
  maxEventBytes: number;
  maxEventsPerAppend: number;
}

export const DEFAULT_APPEND_LIMITS: AppendLimits = { maxEventBytes: 4 * 1024 * 1024, maxEventsPerAppend: 10_000 };

export interface PreparedEvent {
  eventId: string;
  type: string;
  data: string;
  metadata: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
// Control characters and surrounding whitespace make names that cannot be typed or logged safely.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f]/;
const MAX_NAME_LENGTH = 255;

export function validateStreamName(streamId: unknown, field = 'streamId'): string {
  if (typeof streamId !== 'string' || streamId.length === 0) {
    throw new InvalidAppendError('invalid_stream_name', field, 'must be a non-empty string');
  }
  // Code points never outnumber UTF-16 units, so only long names need counting (every append checks this).
  if (streamId.length > MAX_NAME_LENGTH && [...streamId].length > MAX_NAME_LENGTH) {
    throw new InvalidAppendError('invalid_stream_name', field, `must be at most ${MAX_NAME_LENGTH} characters`);
  }
  if (CONTROL.test(streamId) || streamId.trim() !== streamId || !streamId.isWellFormed()) {
    throw new InvalidAppendError(
      'invalid_stream_name',
      field,
      'must not contain control characters or surrounding whitespace',
    );
  }
  if (streamId.startsWith('$')) {
    throw new InvalidAppendError(
      'invalid_stream_name',
      field,
      "names starting with '$' are reserved for system streams",
    );
  }
  return streamId;
}

export function validateExpectedRevision(expected: unknown): ExpectedRevision {
  if (expected === 'any' || expected === 'no_stream' || expected === 'stream_exists') return expected;
  if (typeof expected === 'bigint' && expected >= 0n) return expected;
  if (typeof expected === 'number' && Number.isSafeInteger(expected) && expected >= 0) return BigInt(expected);
  throw new InvalidAppendError(
    'invalid_expected_revision',
    'expectedRevision',
    "must be 'any', 'no_stream', 'stream_exists' or a revision >= 0",
  );
}

interface JsonProblem {
  path: string[];
  problem: string;
}

function badString(value: string): boolean {
  return value.includes('\u0000') || !value.isWellFormed();
}

const STRING_PROBLEM = 'strings must be well-formed Unicode without NUL characters';

/**
 * Finds the first value that is not plain JSON which PostgreSQL's jsonb and JSON.parse round-trip.
 * On the hot path of every append, so the path is only built on the way back from a problem.
 */
function findNonJson(value: unknown, ancestors: object[]): JsonProblem | undefined {
  switch (typeof value) {
    case 'boolean':
      return undefined;
    case 'string':
      return badString(value) ? { path: [], problem: STRING_PROBLEM } : undefined;
    case 'number':
      return Number.isFinite(value) ? undefined : { path: [], problem: 'numbers must be finite' };
    case 'object': {
      if (value === null) return undefined;
      if (ancestors.includes(value)) return { path: [], problem: 'circular reference' };
      ancestors.push(value);
      const found = Array.isArray(value) ? findInArray(value, ancestors) : findInObject(value, ancestors);
      ancestors.pop();
      return found;
    }
    default:
      return { path: [], problem: `${typeof value} is not JSON` };
  }
}

function findInArray(value: unknown[], ancestors: object[]): JsonProblem | undefined {
  for (let i = 0; i < value.length; i++) {
    const found = findNonJson(value[i], ancestors);
    if (found) {
      found.path.unshift(`[${i}]`);
      return found;
    }
  }
  return undefined;
}

function findInObject(value: object, ancestors: object[]): JsonProblem | undefined {
  const proto = Object.getPrototypeOf(value) as unknown;
  if (proto !== Object.prototype && proto !== null) {
    return { path: [], problem: 'only plain objects are JSON (convert dates and class instances first)' };
  }
  for (const key in value) {
    const item = (value as Record<string, unknown>)[key];
    const found = badString(key)
      ? { path: [], problem: STRING_PROBLEM }
      : item === undefined
        ? { path: [], problem: 'undefined is not JSON' }
        : findNonJson(item, ancestors);
    if (found) {
      found.path.unshift(`.${key}`);
      return found;
    }
  }
  return undefined;
}

function assertJson(value: unknown, field: string): void {
  const found = findNonJson(value, []);
  if (found) throw new InvalidAppendError('invalid_event_data', field + found.path.join(''), found.problem);
}

export function prepareEvents(events: unknown, limits: AppendLimits): PreparedEvent[] {
  if (!Array.isArray(events) || events.length === 0) {
    throw new InvalidAppendError('empty_append', 'events', 'an append needs at least one event');
  }
  if (events.length > limits.maxEventsPerAppend) {
    throw new InvalidAppendError('too_many_events', 'events', `at most ${limits.maxEventsPerAppend} events per append`);
  }
  const ids = new Set<string>();
  return events.map((raw: EventToAppend, index) => {
    const field = `events[${index}]`;
    if (raw === null || typeof raw !== 'object')
      throw new InvalidAppendError('invalid_event_data', field, 'must be an object');
    if (typeof raw.eventId !== 'string' || !UUID.test(raw.eventId)) {
      throw new InvalidAppendError('invalid_event_id', `${field}.eventId`, 'must be a UUID');
    }
    const eventId = raw.eventId.toLowerCase();
    if (ids.has(eventId))
      throw new InvalidAppendError('invalid_event_id', `${field}.eventId`, 'appears twice in the append');
    ids.add(eventId);
    if (
      typeof raw.type !== 'string' ||
      raw.type.length === 0 ||
      raw.type.length > MAX_NAME_LENGTH ||
      CONTROL.test(raw.type)
    ) {
      throw new InvalidAppendError(
        'invalid_event_type',
        `${field}.type`,
        `must be a non-empty name of at most ${MAX_NAME_LENGTH} characters`,
      );
    }
    if (raw.data === undefined) throw new InvalidAppendError('invalid_event_data', `${field}.data`, 'is required');
    assertJson(raw.data, `${field}.data`);
    const metadata = raw.metadata ?? {};
    if (metadata === null || typeof metadata !== 'object' || Array.isArray(metadata)) {
      throw new InvalidAppendError('invalid_event_data', `${field}.metadata`, 'must be an object');
    }
    assertJson(metadata, `${field}.metadata`);
    const prepared = {
      eventId,
      type: raw.type,
      data: JSON.stringify(raw.data),
      metadata: JSON.stringify(metadata),
    };
    const bytes = Buffer.byteLength(prepared.data) + Buffer.byteLength(prepared.metadata);
    if (bytes > limits.maxEventBytes) {
      throw new InvalidAppendError('event_too_large', field, `is ${bytes} bytes; the limit is ${limits.maxEventBytes}`);
    }
    return prepared;
  });
}

export function validateLimit(limit: number | undefined, fallback: number, field = 'limit'): number {
  if (limit === undefined) return fallback;
  if (!Number.isSafeInteger(limit) || limit < 1) throw new InvalidReadError(field, 'must be a positive integer');
  return limit;
}

export function validatePosition(value: bigint | undefined, field: string): bigint {
  if (value === undefined) return 0n;
  if (typeof value !== 'bigint' || value < 0n) throw new InvalidReadError(field, 'must be a non-negative bigint');
  return value;
}
