/** Deeper than any request of this API (its deepest field is `weeklyHours.mon[0].start`, depth 3). */
export const MAX_JSON_DEPTH = 32;

/**
 * Names that are not data anywhere in this API but are properties of every JavaScript object: as keys
 * they slip past checks that look a field up in a plain object, and `__proto__` rewires the prototype
 * of whatever copies the body.
 */
const PROTOTYPE_KEYS = new Set([...Object.getOwnPropertyNames(Object.prototype), 'prototype']);

/** Raised while the body is read, before it becomes objects; the error filter answers 400 naming `field`. */
export class UnsafeJsonError extends Error {
  readonly status = 400;
  readonly type = 'entity.unsafe';
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}

interface Frame {
  array: boolean;
  /** The object's current key, or the array's current index. */
  at: string | number | undefined;
  expectsKey: boolean;
}

const pathOf = (frames: Frame[]): string =>
  frames.reduce(
    (path, frame) =>
      frame.at === undefined
        ? path
        : typeof frame.at === 'number'
          ? `${path}[${frame.at}]`
          : path === ''
            ? frame.at
            : `${path}.${frame.at}`,
    '',
  ) || 'body';

/** The end of the string token that starts at `start` (a quote), or -1 when the text ends first. */
function stringEnd(text: string, start: number): number {
  for (let i = start + 1; i < text.length; i += 1) {
    if (text[i] === '\\') i += 1;
    else if (text[i] === '"') return i;
  }
  return -1;
}

/**
 * Scans a JSON text without building it, with a stack of its own (no recursion, so no depth can
 * overflow it): refuses nesting deeper than MAX_JSON_DEPTH, keys named like built-in object
 * properties, and strings the log cannot keep. Malformed JSON is left to the parser, which reports it.
 */
export function guardJsonText(text: string): void {
  const frames: Frame[] = [];
  for (let i = 0; i < text.length; i += 1) {
    const char = text[i];
    const frame = frames[frames.length - 1];
    if (char === '"') {
      const end = stringEnd(text, i);
      if (end < 0) return;
      let value: string;
      try {
        value = JSON.parse(text.slice(i, end + 1)) as string;
      } catch {
        return;
      }
      if (frame && !frame.array && frame.expectsKey) {
        frame.at = value;
        frame.expectsKey = false;
        if (PROTOTYPE_KEYS.has(frame.at))
          throw new UnsafeJsonError(pathOf(frames), `'${frame.at}' is not a field of this request`);
      } else if (frame?.array && frame.at === undefined) frame.at = 0;
      // Text the log can keep: PostgreSQL's JSON refuses NUL, and an unpaired surrogate is no Unicode (no UTF-8 for it).
      if (value.includes('\u0000') || !value.isWellFormed())
        throw new UnsafeJsonError(pathOf(frames), 'must be text without NUL characters or unpaired surrogates');
      i = end;
    } else if (char === '{' || char === '[') {
      if (frame?.array && frame.at === undefined) frame.at = 0;
      frames.push({ array: char === '[', at: undefined, expectsKey: char === '{' });
      if (frames.length > MAX_JSON_DEPTH)
        throw new UnsafeJsonError(pathOf(frames.slice(0, -1)), `nests deeper than ${MAX_JSON_DEPTH} levels`);
    } else if (char === '}' || char === ']') {
      frames.pop();
    } else if (char === ',' && frame) {
      if (frame.array) frame.at = typeof frame.at === 'number' ? frame.at + 1 : 1;
      else frame.expectsKey = true;
    }
  }
}
