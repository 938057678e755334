import 'reflect-metadata';
import type { AppConfig } from '@app/config';
import { APP_CONFIG, createHttpApp, ROOT_LOGGER } from '@app/platform';
import type { Logger } from 'pino';
import { WorkerModule } from './worker.module';

async function bootstrap(): Promise<void> {
  const app = await createHttpApp(WorkerModule);
  const config = app.get<AppConfig>(APP_CONFIG);
  await app.listen(config.WORKER_PORT, config.HOST);
  app.get<Logger>(ROOT_LOGGER).info({ url: await app.getUrl() }, 'Support Ops worker ready (health, readiness and metrics)');
}

bootstrap().catch((error: unknown) => {
  process.stderr.write(`Support Ops worker failed to start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
