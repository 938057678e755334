import type { LoggerService } from '@nestjs/common';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Level, Logger } from 'pino';
import { pinoHttp } from 'pino-http';

/**
 * Nest's own lines (module wiring, route mapping, its error handler) as structured pino lines with
 * their context. Nest calls `log(message, context?)` and `error(message, stack?, context?)`.
 */
export class PinoNestLogger implements LoggerService {
  constructor(private readonly logger: Logger) {}

  log(message: unknown, ...rest: unknown[]): void {
    this.write('info', message, rest);
  }
  warn(message: unknown, ...rest: unknown[]): void {
    this.write('warn', message, rest);
  }
  debug(message: unknown, ...rest: unknown[]): void {
    this.write('debug', message, rest);
  }
  verbose(message: unknown, ...rest: unknown[]): void {
    this.write('trace', message, rest);
  }
  fatal(message: unknown, ...rest: unknown[]): void {
    this.write('fatal', message, rest);
  }
  error(message: unknown, ...rest: unknown[]): void {
    const stack = rest.length > 1 && typeof rest[0] === 'string' ? rest[0] : undefined;
    this.write('error', message, rest, stack);
  }

  private write(level: Level, message: unknown, rest: unknown[], stack?: string): void {
    const last = rest.at(-1);
    const context = typeof last === 'string' && last !== stack ? last : undefined;
    if (message instanceof Error) this.logger[level]({ context, err: message }, message.message);
    else if (typeof message === 'object' && message !== null) this.logger[level]({ context, ...message });
    else this.logger[level]({ context, stack }, String(message));
  }
}

/** Paths probed by machines every few seconds: not worth a line each while they answer well. */
const PROBES = new Set(['/health', '/metrics']);

type Middleware = (request: IncomingMessage, response: ServerResponse, next: () => void) => void;

/**
 * One log line per HTTP request; readiness probes only at debug unless they fail. Below `info`
 * (LOG_LEVEL=warn or error) there is no such middleware at all: it would log only failures, which
 * the error filter logs already, and it cost a few per cent of a command's CPU to wrap every
 * request for that (a middleware that only passes the request on still costs a layer).
 */
export function requestLogging(logger: Logger): Middleware[] {
  if (!logger.isLevelEnabled('info')) return [];
  return [requestLogger(logger)];
}

function requestLogger(logger: Logger): Middleware {
  return pinoHttp({
    logger,
    autoLogging: { ignore: (request) => PROBES.has(request.url ?? '') },
    customLogLevel: (request: IncomingMessage, response: ServerResponse, error?: Error) => {
      if (error || response.statusCode >= 500) return 'error';
      return request.url === '/ready' && response.statusCode < 400 ? 'debug' : 'info';
    },
  });
}
