import { randomUUID } from 'node:crypto';
import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { CommandMeta } from '@app/commanding';
import { ApiError } from './api-error';
import type { AuthenticatedRequest } from './auth/auth.guard';

/** The request headers of a command, as the OpenAPI document states them (command-endpoint.decorator.ts). */
export const TRACE_ID = /^[A-Za-z0-9_.:-]{1,128}$/;
export const IDEMPOTENCY_KEY = /^[!-~]{1,255}$/;
export const IF_MATCH = /^(\*|(W\/)?"?(-1|[0-9]{1,18})"?)$/;

function traceHeader(request: AuthenticatedRequest, name: string): string | undefined {
  const value = request.header(name);
  if (value !== undefined && !TRACE_ID.test(value))
    throw ApiError.validation([{ field: name, message: 'must be 1–128 letters, digits or . : _ -' }]);
  return value;
}

/** `If-Match: "7"` pins the revision a command applies to; `*` or none leaves it free. */
function expectedRevision(request: AuthenticatedRequest): bigint | undefined {
  const value = request.header('if-match');
  if (value === undefined) return undefined;
  const match = IF_MATCH.exec(value);
  if (!match)
    throw ApiError.validation([{ field: 'If-Match', message: 'must be an ETag this API returned, like "7"' }]);
  return match[3] === undefined ? undefined : BigInt(match[3]);
}

/** With an Idempotency-Key, the seed of the command's event ids: the principal's own key (command-answer.ts). */
function idempotencySeed(request: AuthenticatedRequest): string | undefined {
  const key = request.header('idempotency-key');
  if (key === undefined) return undefined;
  if (!IDEMPOTENCY_KEY.test(key))
    throw ApiError.validation([{ field: 'Idempotency-Key', message: 'must be 1–255 visible ASCII characters' }]);
  return `${request.principal.actor.kind}:${request.principal.actor.id}:${key}`;
}

/** The request's part of a command's metadata: actor from the token, trace ids, If-Match, idempotency seed. */
export const CommandMetaOf = createParamDecorator((_data: unknown, context: ExecutionContext): CommandMeta => {
  const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
  const causationId = traceHeader(request, 'x-causation-id') ?? randomUUID();
  return {
    actor: request.principal.actor,
    correlationId: traceHeader(request, 'x-correlation-id') ?? causationId,
    causationId,
    source: 'support-ops/api',
    expectedRevision: expectedRevision(request),
    eventIdSeed: idempotencySeed(request),
  };
});
