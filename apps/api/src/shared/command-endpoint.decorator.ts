import { applyDecorators, UseInterceptors } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiHeader,
  ApiNotFoundResponse,
  ApiPayloadTooLargeResponse,
  ApiPreconditionFailedResponse,
  ApiUnsupportedMediaTypeResponse,
} from '@nestjs/swagger';
import { Authorized } from './auth/auth.guard';
import type { Scope } from '@app/commanding';
import { CommandResponseInterceptor } from './command-response.interceptor';

/** A command route: scope check, the command answer with ETag, Idempotency-Key and If-Match, and the error answers. */
export function CommandEndpoint(scope: Scope): MethodDecorator {
  return applyDecorators(
    Authorized(scope),
    UseInterceptors(CommandResponseInterceptor),
    ApiHeader({
      name: 'Idempotency-Key',
      required: false,
      description:
        'Retrying with the same key and body returns the first answer without appending again (kept 24 hours).',
    }),
    ApiHeader({
      name: 'If-Match',
      required: false,
      description: 'The ETag (revision) the command applies to; 412 if the resource has moved on.',
    }),
    ApiHeader({
      name: 'X-Correlation-Id',
      required: false,
      description: 'Recorded in event metadata; defaults to the causation id.',
    }),
    ApiBadRequestResponse({ description: 'Invalid body: details.errors names every field' }),
    ApiNotFoundResponse({ description: 'Unknown id in the path' }),
    ApiConflictResponse({ description: 'Domain rule violation (code names it) or write conflict' }),
    ApiPreconditionFailedResponse({ description: 'If-Match does not name the current revision' }),
    ApiPayloadTooLargeResponse({ description: 'Body larger than HTTP_BODY_LIMIT_BYTES' }),
    ApiUnsupportedMediaTypeResponse({ description: 'Body is not application/json' }),
  );
}
