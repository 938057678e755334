import 'reflect-metadata';
import { APP_CONFIG, appConfig, createHttpApp, ROOT_LOGGER, startFailure } from '@app/platform';
import type { AppConfig } from '@app/config';
import type { Logger } from 'pino';
import { isFirstApiProcess, superviseApiWorkers, wantsApiWorkers } from './api-workers';
import { AppModule } from './app.module';
import { configureApi } from './configure-api';
import { ApiCredentials } from './shared/auth/api-credentials';

async function bootstrap(): Promise<void> {
  const settings = appConfig();
  if (wantsApiWorkers(settings)) return superviseApiWorkers(settings);
  const app = await createHttpApp(AppModule);
  configureApi(app);
  const config = app.get<AppConfig>(APP_CONFIG);
  await app.listen(config.PORT, config.HOST);
  const url = (await app.getUrl()).replace('[::1]', 'localhost').replace('127.0.0.1', 'localhost');
  const logger = app.get<Logger>(ROOT_LOGGER);
  logger.info({ url }, `Support Ops API listening on ${url} (OpenAPI at ${url}/docs, console at ${url}/console)`);
  const { developmentKey } = app.get(ApiCredentials);
  if (developmentKey && isFirstApiProcess()) {
    logger.info(
      `Development API key (all scopes, stored in ${config.DATA_DIR}/development-api-key): ${developmentKey}`,
    );
    logger.info(
      `Try: curl -H 'Authorization: Bearer ${developmentKey}' ${url}/v1/admin/projections   (npm run demo starts with a seeded history)`,
    );
  }
}

bootstrap().catch((error: unknown) => {
  process.stderr.write(`Support Ops API failed to start: ${startFailure(error, 'PORT')}\n`);
  process.exit(1);
});
