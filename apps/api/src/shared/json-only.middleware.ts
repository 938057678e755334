import { Injectable, type NestMiddleware } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { ApiError } from './api-error';

/** Commands carry JSON: a body of any other media type gets 415 instead of being read as empty. */
@Injectable()
export class JsonOnlyMiddleware implements NestMiddleware {
  use(request: Request, _response: Response, next: NextFunction): void {
    const hasBody =
      Number(request.headers['content-length'] ?? 0) > 0 || request.headers['transfer-encoding'] !== undefined;
    if (hasBody && !request.is(['application/json', 'application/*+json'])) {
      throw new ApiError(
        415,
        'unsupported_media_type',
        `Content-Type must be application/json, not ${request.headers['content-type'] ?? 'missing'}`,
      );
    }
    next();
  }
}
