import 'reflect-metadata';
import { APP_CONFIG, createHttpApp, ROOT_LOGGER } from '@app/platform';
import type { AppConfig } from '@app/config';
import type { Logger } from 'pino';
import { AppModule } from './app.module';
import { setUpOpenApi } from './openapi';

async function bootstrap(): Promise<void> {
  const app = await createHttpApp(AppModule);
  setUpOpenApi(app);
  const config = app.get<AppConfig>(APP_CONFIG);
  await app.listen(config.PORT, config.HOST);
  const url = (await app.getUrl()).replace('[::1]', 'localhost').replace('127.0.0.1', 'localhost');
  app.get<Logger>(ROOT_LOGGER).info({ url }, `Support Ops API listening on ${url} (OpenAPI at ${url}/docs)`);
}

bootstrap().catch((error: unknown) => {
  process.stderr.write(`Support Ops API failed to start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
