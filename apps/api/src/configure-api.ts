import type { INestApplication } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { AppConfig } from '@app/config';
import { APP_CONFIG } from '@app/platform';
import { serveConsole } from './console/serve-console';
import { methodNotAllowed } from './openapi/method-not-allowed';
import { openApiDocument, setUpOpenApi } from './openapi/openapi';
import { guardJsonText } from './shared/json-body-guard';

/** What the API needs beyond its module, shared by `main` and the end-to-end tests. */
export function configureApi(app: INestApplication): void {
  const config = app.get<AppConfig>(APP_CONFIG);
  const express = app as NestExpressApplication;
  // Our ETag is the stream revision; Express's automatic body-hash ETag would be misleading.
  express.set('etag', false);
  // One reading of every query string (node:querystring): a key given twice is an array, brackets
  // are part of a key; the endpoint's schema then refuses what it does not take, by name.
  express.set('query parser', 'simple');
  // A method a resource lacks is a 405 before its body is read.
  const document = openApiDocument(app);
  express.use(methodNotAllowed(document));
  const json = {
    limit: config.HTTP_BODY_LIMIT_BYTES,
    type: ['application/json', 'application/*+json'],
    // Too deep a body or a prototype key is refused from its text, before any code walks the objects.
    // (Nest's types leave `verify` out because it sets it for `rawBody`, which this app does not use.)
    verify: (_request: unknown, _response: unknown, body: Buffer, encoding: string) =>
      guardJsonText(body.toString(encoding as BufferEncoding)),
  };
  express.useBodyParser('json', json);
  setUpOpenApi(app, document);
  serveConsole(express);
}
