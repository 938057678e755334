import { Catch, HttpException, Inject, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { Response } from 'express';
import type { Logger } from 'pino';
import { NotReadyError, PreconditionFailedError, WriteConflictError } from '@app/commanding';
import { DomainError } from '@app/domain';
import { isDatabaseUnavailable } from '@app/database';
import { EventStoreUnavailableError, InvalidAppendError } from '@app/event-store';
import { KeyStoreUnavailableError } from '@app/privacy';
import { ROOT_LOGGER } from '@app/platform';
import { RequestValidationError } from '@app/validation';
import { ApiError } from './api-error';
import { UnsafeJsonError } from './json-body-guard';

const DOMAIN_STATUS = { invalid: 400, not_found: 404, conflict: 409 } as const;
const HTTP_CODES: Record<number, string> = {
  400: 'bad_request',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not_found',
  405: 'method_not_allowed',
  413: 'payload_too_large',
  415: 'unsupported_media_type',
};

/** Raw errors of Express's body parser: they carry their status and a `type`. */
interface BodyParserError {
  status?: number;
  type?: string;
}

/** Seconds a client waits before it retries an answer of 503 (an outage or a read model behind: both pass). */
export const RETRY_AFTER_SECONDS = 1;

/** The report @nestjs/terminus throws when a readiness check is down. */
const isHealthReport = (exception: unknown): exception is HttpException => {
  const body = exception instanceof HttpException ? exception.getResponse() : undefined;
  return typeof body === 'object' && body !== null && 'status' in body && 'details' in body && 'error' in body;
};

/** Turns every error into the API's error model; only unexpected failures become 500, and are logged. */
@Catch()
export class ApiErrorFilter implements ExceptionFilter {
  constructor(@Inject(ROOT_LOGGER) private readonly logger: Logger) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
    // GET /ready's 503 keeps its own body: which dependency is down, and why, is the whole point.
    if (isHealthReport(exception)) {
      response.status(exception.getStatus()).json(exception.getResponse());
      return;
    }
    const error = this.toApiError(exception);
    if (error.status === 503) {
      response.setHeader('Retry-After', String(RETRY_AFTER_SECONDS));
      this.logger.warn({ code: error.code, cause: (exception as Error)?.message }, 'request refused for now (503)');
    } else if (error.status >= 500) this.logger.error({ err: exception }, 'request failed');
    response.status(error.status).json({ code: error.code, message: error.message, details: error.details });
  }

  private toApiError(exception: unknown): ApiError {
    if (exception instanceof ApiError) return exception;
    if (exception instanceof RequestValidationError) return ApiError.validation(exception.errors);
    if (exception instanceof DomainError)
      return new ApiError(DOMAIN_STATUS[exception.kind], exception.code, exception.message, exception.details);
    if (exception instanceof PreconditionFailedError) {
      return new ApiError(412, exception.code, exception.message, {
        streamId: exception.streamId,
        expectedRevision: Number(exception.expected),
        currentRevision: Number(exception.actual),
      });
    }
    if (exception instanceof WriteConflictError)
      return new ApiError(409, exception.code, exception.message, { streamId: exception.streamId });
    if (
      exception instanceof NotReadyError ||
      exception instanceof EventStoreUnavailableError ||
      exception instanceof KeyStoreUnavailableError
    )
      return new ApiError(503, exception.code, exception.message);
    if (exception instanceof InvalidAppendError) {
      return exception.reason === 'event_too_large'
        ? new ApiError(413, 'payload_too_large', exception.message)
        : ApiError.validation([{ field: exception.field, message: exception.message }]);
    }
    // Express's errors (the body parser's, and so the JSON guard's) arrive wrapped by Nest.
    const unsafe = exception instanceof HttpException ? exception.cause : undefined;
    if (unsafe instanceof UnsafeJsonError)
      return ApiError.validation([{ field: unsafe.field, message: unsafe.message }]);
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      if (status === 400 && /JSON/.test(exception.message))
        return new ApiError(400, 'invalid_json', `The request body is not valid JSON: ${exception.message}`);
      // The router's word for a path segment that is not percent-encoded UTF-8: it names nothing.
      if (status === 400 && exception.message.startsWith('Failed to decode param'))
        return new ApiError(404, 'not_found', `nothing exists at this path: ${exception.message}`);
      return new ApiError(status, HTTP_CODES[status] ?? 'http_error', exception.message);
    }
    if (isDatabaseUnavailable(exception))
      return new ApiError(
        503,
        'database_unavailable',
        'The database cannot be reached right now; retry after Retry-After seconds (a command with the same Idempotency-Key)',
      );
    const raw = exception as BodyParserError;
    if (raw?.type === 'entity.too.large')
      return new ApiError(
        413,
        'payload_too_large',
        'The request body is larger than the limit (HTTP_BODY_LIMIT_BYTES)',
      );
    if (raw?.type === 'charset.unsupported' || raw?.type === 'encoding.unsupported')
      return new ApiError(415, 'unsupported_media_type', 'Send the body as UTF-8 JSON');
    return new ApiError(
      500,
      'internal_error',
      'The request failed unexpectedly; it is safe to retry with the same Idempotency-Key',
    );
  }
}
