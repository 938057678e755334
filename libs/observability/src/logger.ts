import pino, { type Logger } from 'pino';

/** Structured JSON logs, on stdout for services and stderr for the CLI (whose stdout is its output). */
export function createLogger(level: string, name: string, destination: 1 | 2 = 1): Logger {
  return pino(
    { level, name, redact: ['req.headers.authorization', 'req.headers.cookie'] },
    pino.destination({ fd: destination, sync: destination === 2 }),
  );
}
