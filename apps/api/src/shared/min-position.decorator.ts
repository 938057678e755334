import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { ApiHeader } from '@nestjs/swagger';
import type { Request } from 'express';
import { POSITION_PATTERN, rule } from '@app/validation';

/**
 * The X-Min-Position header of a read-model query. A custom parameter rather than
 * `@Headers('x-min-position')`, from which Nest's OpenAPI scan would declare a second, required
 * header of that spelling; `ReadsYourWrites` documents the one header once.
 */
export const MinPosition = createParamDecorator((_: unknown, context: ExecutionContext): string | undefined =>
  context.switchToHttp().getRequest<Request>().header('x-min-position'),
);

/** Documents X-Min-Position once, for what the endpoint reads: a read model, or the log itself. */
export const ReadsYourWrites = (reads = 'the read model has applied') =>
  ApiHeader({
    name: 'X-Min-Position',
    required: false,
    description: `Wait (up to READ_YOUR_WRITES_TIMEOUT_MS) until ${reads} this log position: the \`position\` of a command answer.`,
    schema: {
      type: 'string',
      pattern: POSITION_PATTERN,
      example: '1048576',
      ...rule('a position the log has reached: one a command answered'),
    },
  });
