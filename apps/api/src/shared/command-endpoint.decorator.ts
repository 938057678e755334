import { applyDecorators, HttpCode, UseInterceptors } from '@nestjs/common';
import {
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiHeader,
  ApiOkResponse,
  ApiPayloadTooLargeResponse,
  ApiPreconditionFailedResponse,
  ApiUnsupportedMediaTypeResponse,
} from '@nestjs/swagger';
import type { Scope } from '@app/commanding';
import { Authorized } from './auth/auth.guard';
import { IDEMPOTENCY_KEY, IF_MATCH, TRACE_ID } from './command-meta.decorator';
import { CommandResponseInterceptor } from './command-response.interceptor';

const header = (name: string, pattern: string, description: string) =>
  ApiHeader({ name, required: false, description, schema: { type: 'string', pattern } });

const ANSWER = {
  description: 'The stream written, its new revision (also the ETag) and the log position',
  schema: { $ref: '#/components/schemas/CommandResponse' },
  headers: {
    ETag: { description: 'The new revision, e.g. "7": the If-Match of a next command', schema: { type: 'string' } },
  },
};

/**
 * A command route: scope check, the command answer with ETag, Idempotency-Key and If-Match, and
 * every answer it can give. `creates`: 201 for a new resource, else 200.
 */
export function CommandEndpoint(scope: Scope, options: { creates?: boolean } = {}): MethodDecorator {
  return applyDecorators(
    Authorized(scope),
    UseInterceptors(CommandResponseInterceptor),
    ...(options.creates ? [ApiCreatedResponse(ANSWER)] : [HttpCode(200), ApiOkResponse(ANSWER)]),
    header(
      'Idempotency-Key',
      IDEMPOTENCY_KEY.source,
      'Retrying with the same key and body returns the first answer without appending again (kept 24 hours).',
    ),
    header(
      'If-Match',
      IF_MATCH.source,
      'The ETag (revision) the command applies to; 412 if the resource has moved on.',
    ),
    header('X-Correlation-Id', TRACE_ID.source, 'Recorded in event metadata; defaults to the causation id.'),
    header('X-Causation-Id', TRACE_ID.source, 'Recorded in event metadata; a new UUID when left out.'),
    ApiConflictResponse({ description: 'Domain rule violation (code names it) or write conflict' }),
    ApiPreconditionFailedResponse({ description: 'If-Match does not name the current revision' }),
    ApiPayloadTooLargeResponse({ description: 'Body larger than HTTP_BODY_LIMIT_BYTES' }),
    ApiUnsupportedMediaTypeResponse({ description: 'Body is not application/json' }),
  );
}
