import { applyDecorators, createParamDecorator, HttpCode, type ExecutionContext } from '@nestjs/common';
import {
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiHeader,
  ApiOkResponse,
  ApiPayloadTooLargeResponse,
  ApiPreconditionFailedResponse,
  ApiUnsupportedMediaTypeResponse,
} from '@nestjs/swagger';
import type { CommandResult, Scope } from '@app/commanding';
import { Authorized } from './auth/auth.guard';
import { answerCommand, type Commands } from './command-answer';
import { IDEMPOTENCY_KEY, IF_MATCH, TRACE_ID } from './command-meta.decorator';

const header = (name: string, pattern: string, description: string) =>
  ApiHeader({ name, required: false, description, schema: { type: 'string', pattern } });

const ANSWER = {
  description: 'The stream written, its new revision (also the ETag) and the log position',
  schema: { $ref: '#/components/schemas/CommandResponse' },
  headers: {
    ETag: { description: 'The new revision, e.g. "7": the If-Match of a next command', schema: { type: 'string' } },
  },
};

/** The request and response of a route, as one more argument of its handler. */
const exchangeOf = createParamDecorator((_data: unknown, context: ExecutionContext) => ({
  request: context.switchToHttp().getRequest(),
  response: context.switchToHttp().getResponse(),
}));

/**
 * Makes the route's handler answer as a command (answerCommand): the handler is wrapped in place,
 * given the exchange as an argument past its own, and keeps the metadata its parameters' decorators
 * put on it. The controller sends its commands through `commands`, which holds the idempotency store.
 */
function AnsweredAsCommand(status: number): MethodDecorator {
  return (target, key, descriptor) => {
    const handle = descriptor.value as unknown as (...args: unknown[]) => Promise<CommandResult>;
    // Past every declared parameter (a parameter with a default is not in `length`).
    const at =
      (Reflect.getMetadata('design:paramtypes', target, key) as unknown[] | undefined)?.length ?? handle.length;
    exchangeOf()(target, key, at);
    const answered = function (this: { commands: Commands }, ...args: unknown[]) {
      const exchange = args[at] as Omit<Parameters<typeof answerCommand>[1], 'status'>;
      return answerCommand(this.commands.idempotency, { ...exchange, status }, () => handle.apply(this, args));
    };
    for (const name of Reflect.getOwnMetadataKeys(handle))
      Reflect.defineMetadata(name, Reflect.getOwnMetadata(name, handle), answered);
    Object.defineProperty(answered, 'name', { value: handle.name });
    descriptor.value = answered as unknown as typeof descriptor.value;
  };
}

/**
 * A command route: scope check, the command answer with ETag, Idempotency-Key and If-Match, and
 * every answer it can give. `creates`: 201 for a new resource, else 200.
 */
export function CommandEndpoint(scope: Scope, options: { creates?: boolean } = {}): MethodDecorator {
  return applyDecorators(
    AnsweredAsCommand(options.creates ? 201 : 200),
    Authorized(scope),
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
