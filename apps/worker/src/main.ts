import 'reflect-metadata';
import { runsRole, type AppConfig } from '@app/config';
import { APP_CONFIG, createHttpApp, ROOT_LOGGER, startFailure } from '@app/platform';
import type { Logger } from 'pino';
import { WorkerModule } from './worker.module';

const WORKER_ROLES = ['projector', 'sla-clock', 'relay'] as const;

async function bootstrap(): Promise<void> {
  const app = await createHttpApp(WorkerModule);
  const config = app.get<AppConfig>(APP_CONFIG);
  await app.listen(config.WORKER_PORT, config.HOST);
  const roles = WORKER_ROLES.filter((role) => runsRole(config, role));
  const relayOff = roles.includes('relay') && !config.KAFKA_BROKERS ? ' (relay off: KAFKA_BROKERS is not set)' : '';
  app
    .get<Logger>(ROOT_LOGGER)
    .info(
      { url: await app.getUrl(), roles },
      `Support Ops worker running ${roles.join(', ') || 'no role'}${relayOff}; each role leads or stands by for another process; health, readiness and metrics on ${await app.getUrl()}`,
    );
}

bootstrap().catch((error: unknown) => {
  process.stderr.write(`Support Ops worker failed to start: ${startFailure(error, 'WORKER_PORT')}\n`);
  process.exit(1);
});
