import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { NestExpressApplication } from '@nestjs/platform-express';
import compression from 'compression';
import type { Request, Response } from 'express';

/** Where `npm run console:build` writes the console: dist/console of the checkout (or image) this runs from. */
export function consoleDirectory(from = __dirname): string {
  let directory = from;
  while (!existsSync(join(directory, 'package.json')) && dirname(directory) !== directory)
    directory = dirname(directory);
  return join(directory, 'dist/console');
}

/**
 * The operator console at /console: static files, compressed, with no data of their own (every
 * figure comes from the API with the key the user enters, so they need no authentication).
 * The hashed bundles are cached for good; index.html is revalidated so a new build shows at once.
 */
export function serveConsole(app: NestExpressApplication, directory = consoleDirectory()): void {
  if (!existsSync(join(directory, 'index.html'))) {
    app.use('/console', (_request: Request, response: Response) => {
      response.status(404).json({
        code: 'console_not_built',
        message: `the console is not built in ${directory}: run npm run console:build (npm start and npm run build do)`,
        details: {},
      });
    });
    return;
  }
  app.use('/console', compression());
  app.useStaticAssets(directory, {
    prefix: '/console',
    setHeaders: (response, path) => {
      if (path.endsWith('.html')) {
        response.setHeader('Cache-Control', 'no-cache');
        response.setHeader(
          'Content-Security-Policy',
          "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; frame-ancestors 'none'",
        );
      } else response.setHeader('Cache-Control', 'public, max-age=31536000, immutable');
      response.setHeader('X-Content-Type-Options', 'nosniff');
    },
  });
}
