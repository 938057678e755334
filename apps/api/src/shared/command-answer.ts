import { createHash } from 'node:crypto';
import {
  HttpStatus,
  Injectable,
  RequestMethod,
  type CallHandler,
  type ExecutionContext,
  type NestInterceptor,
} from '@nestjs/common';
import { HTTP_CODE_METADATA, METHOD_METADATA } from '@nestjs/common/constants';
import type { Response } from 'express';
import { from, lastValueFrom, type Observable } from 'rxjs';
import type { CommandResult } from '@app/commanding';
import { ApiError } from './api-error';
import type { AuthenticatedRequest } from './auth/auth.guard';
import type { CommandResponse } from '../openapi/responses';
import { IDEMPOTENCY_KEY } from './command-meta.decorator';
import { IdempotencyStore } from './idempotency-store';

/**
 * The answer of every command: stream, revision (also as ETag) and log position. With an
 * Idempotency-Key the first answer is stored, and a retry with the same key and body gets it again
 * without deciding anything; the key also seeds the event ids, so even a retry after a lost answer
 * cannot append twice.
 */
@Injectable()
export class CommandResponseInterceptor implements NestInterceptor {
  constructor(private readonly idempotency: IdempotencyStore) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    return from(this.handle(context, next));
  }

  private async handle(context: ExecutionContext, next: CallHandler): Promise<CommandResponse> {
    const request = context.switchToHttp().getRequest<AuthenticatedRequest & { eventIdSeed?: string }>();
    const response = context.switchToHttp().getResponse<Response>();
    const status = this.statusOf(context);
    const key = request.header('idempotency-key');
    if (key === undefined) return this.respond(response, (await lastValueFrom(next.handle())) as CommandResult);

    if (!IDEMPOTENCY_KEY.test(key))
      throw ApiError.validation([{ field: 'Idempotency-Key', message: 'must be 1–255 visible ASCII characters' }]);
    const principal = `${request.principal.actor.kind}:${request.principal.actor.id}`;
    const fingerprint = createHash('sha256')
      .update(`${request.method} ${request.originalUrl}\n${JSON.stringify(request.body ?? null)}`)
      .digest('hex');
    const claim = await this.idempotency.claim(principal, key, fingerprint);
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
    request.eventIdSeed = `${principal}:${key}`;
    try {
      const body = this.respond(response, (await lastValueFrom(next.handle())) as CommandResult);
      await this.idempotency.complete(principal, key, status, body, response.getHeader('ETag') as string);
      return body;
    } catch (error) {
      await this.idempotency.release(principal, key);
      throw error;
    }
  }

  private respond(response: Response, result: CommandResult): CommandResponse {
    response.setHeader('ETag', `"${result.revision}"`);
    return {
      streamId: result.streamId,
      revision: Number(result.revision),
      position: result.position.toString(),
      ...(result.id === undefined ? {} : { id: result.id }),
    };
  }

  private statusOf(context: ExecutionContext): number {
    const explicit = Reflect.getMetadata(HTTP_CODE_METADATA, context.getHandler()) as number | undefined;
    if (explicit !== undefined) return explicit;
    return Reflect.getMetadata(METHOD_METADATA, context.getHandler()) === RequestMethod.POST
      ? HttpStatus.CREATED
      : HttpStatus.OK;
  }
}
