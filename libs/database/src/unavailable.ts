/** Node's errors of a socket that cannot reach, or lost, its peer. */
const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
]);
/** SQLSTATEs of a server shutting down, starting up or out of connections (class 08 is checked apart). */
const SERVER_STATES = new Set(['57P01', '57P02', '57P03', '53300']);
/** What `pg` says when its connection ended or never came up. */
const CLIENT_MESSAGES =
  /^(Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error|Client was closed and is not queryable)/;

/**
 * Whether `error` (or an error it wraps) says PostgreSQL cannot be reached now: refused, cut,
 * shutting down, starting up, out of connections. An outage to wait out (503 with Retry-After at
 * the API), not a bug.
 */
export function isDatabaseUnavailable(error: unknown, depth = 0): boolean {
  if (typeof error !== 'object' || error === null || depth > 5) return false;
  const { code, message, cause } = error as { code?: unknown; message?: unknown; cause?: unknown };
  if (typeof code === 'string' && (NETWORK_CODES.has(code) || SERVER_STATES.has(code) || code.startsWith('08')))
    return true;
  if (typeof message === 'string' && CLIENT_MESSAGES.test(message)) return true;
  if (error instanceof AggregateError && error.errors.some((inner) => isDatabaseUnavailable(inner, depth + 1)))
    return true;
  return isDatabaseUnavailable(cause, depth + 1);
}
