import type { INestApplication } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { AppConfig } from '@app/config';
import { APP_CONFIG } from '@app/platform';
import { setUpOpenApi } from './openapi';

/** What the API needs beyond its module, shared by `main` and the end-to-end tests. */
export function configureApi(app: INestApplication): void {
  const config = app.get<AppConfig>(APP_CONFIG);
  const express = app as NestExpressApplication;
  // Our ETag is the stream revision; Express's automatic body-hash ETag would be misleading.
  express.set('etag', false);
  express.useBodyParser('json', { limit: config.HTTP_BODY_LIMIT_BYTES, type: ['application/json', 'application/*+json'] });
  setUpOpenApi(app);
}
