import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import type { Response } from 'express';
import { Send, type CommandMeta, type CommandResult, type CommandToSend } from '@app/commanding';
import { ApiError } from './api-error';
import type { AuthenticatedRequest } from './auth/auth.guard';
import type { CommandResponse } from '../openapi/responses';
import { IdempotencyStore } from './idempotency-store';

/** What a command route sends through: the CommandBus, and the answers kept for Idempotency-Key retries. */
@Injectable()
export class Commands {
  constructor(
    private readonly bus: CommandBus,
    readonly idempotency: IdempotencyStore,
  ) {}

  send(command: CommandToSend, meta: CommandMeta): Promise<CommandResult> {
    return this.bus.execute(new Send(command, meta));
  }
}

/**
 * The answer of every command: stream, revision (also as ETag) and log position. With an
 * Idempotency-Key the first answer is stored, and a retry with the same key and body gets it again
 * without deciding anything; the key also seeds the event ids (command-meta.decorator.ts), so even
 * a retry after a lost answer cannot append twice. A plain function around the route's handler:
 * Nest's interceptor chain would build an rxjs pipeline on every request.
 */
export async function answerCommand(
  idempotency: IdempotencyStore,
  exchange: { request: AuthenticatedRequest; response: Response; status: number },
  handle: () => Promise<CommandResult>,
): Promise<CommandResponse> {
  const { request, response, status } = exchange;
  const key = request.header('idempotency-key');
  if (key === undefined) return respond(response, await handle());

  const principal = `${request.principal.actor.kind}:${request.principal.actor.id}`;
  const fingerprint = createHash('sha256')
    .update(`${request.method} ${request.originalUrl}\n${JSON.stringify(request.body ?? null)}`)
    .digest('hex');
  const claim = await idempotency.claim(principal, key, fingerprint);
  if (claim.outcome === 'mismatch')
    throw new ApiError(
      409,
      'idempotency_key_reused',
      'This Idempotency-Key was used for another request; use a new key per command',
    );
  if (claim.outcome === 'in_progress')
    throw new ApiError(
      409,
      'idempotency_key_in_use',
      'A request with this Idempotency-Key is still running; retry shortly',
    );
  if (claim.outcome === 'replay') {
    if (claim.etag) response.setHeader('ETag', claim.etag);
    response.setHeader('Idempotent-Replayed', 'true');
    response.status(claim.status);
    return claim.body as CommandResponse;
  }
  try {
    const body = respond(response, await handle());
    await idempotency.complete(principal, key, status, body, response.getHeader('ETag') as string);
    return body;
  } catch (error) {
    await idempotency.release(principal, key);
    throw error;
  }
}

function respond(response: Response, result: CommandResult): CommandResponse {
  response.setHeader('ETag', `"${result.revision}"`);
  return {
    streamId: result.streamId,
    revision: Number(result.revision),
    position: result.position.toString(),
    ...(result.id === undefined ? {} : { id: result.id }),
  };
}
