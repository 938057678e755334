import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import request from 'supertest';
import { consoleDirectory, serveConsole } from './serve-console';

@Module({})
class NoModule {}

async function serving(directory: string): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(NoModule, { logger: false });
  serveConsole(app, directory);
  await app.init();
  return app;
}

describe('the console files', () => {
  const directory = mkdtempSync(join(tmpdir(), 'console-'));
  afterAll(() => rmSync(directory, { recursive: true, force: true }));

  it('are served compressed: index.html revalidated under a CSP, hashed bundles cached for good', async () => {
    writeFileSync(join(directory, 'index.html'), '<!doctype html><script src="/console/console-ABC.js"></script>');
    writeFileSync(join(directory, 'console-ABC.js'), `console.log(${JSON.stringify('x'.repeat(5000))});`);
    const app = await serving(directory);
    const page = await request(app.getHttpServer()).get('/console/').expect(200);
    expect(page.headers['cache-control']).toBe('no-cache');
    expect(page.headers['content-security-policy']).toContain("default-src 'self'");
    const bundle = await request(app.getHttpServer()).get('/console/console-ABC.js').set('Accept-Encoding', 'gzip');
    expect(bundle.headers['content-encoding']).toBe('gzip');
    expect(bundle.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    await app.close();
  });

  it('when not built, answer 404 saying how to build them', async () => {
    const app = await serving(join(directory, 'missing'));
    const answer = await request(app.getHttpServer()).get('/console/').expect(404);
    expect(answer.body).toMatchObject({ code: 'console_not_built' });
    expect(answer.body.message).toContain('npm run console:build');
    await app.close();
  });

  it('are looked for in dist/console of the checkout the code runs from', () => {
    const checkout = mkdtempSync(join(tmpdir(), 'checkout-'));
    writeFileSync(join(checkout, 'package.json'), '{}');
    mkdirSync(join(checkout, 'dist/apps/api/src/console'), { recursive: true });
    expect(consoleDirectory(join(checkout, 'dist/apps/api/src/console'))).toBe(join(checkout, 'dist/console'));
    rmSync(checkout, { recursive: true, force: true });
  });
});
