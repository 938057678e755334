import {
  Global,
  Inject,
  Injectable,
  Module,
  type MiddlewareConsumer,
  type NestModule,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { Pool } from 'pg';
import type { Logger } from 'pino';
import { loadConfig, type AppConfig } from '@app/config';
import { startDatabase, type RunningDatabase } from '@app/database';
import { EVENT_STORE, EventStoreDbEventStore, PostgresEventStore, type EventStore } from '@app/event-store';
import { createLogger, horizonReporter, Metrics } from '@app/observability';
import { PersonalDataCipher, PostgresKeyStore, ProtectedEventStore, resolveMasterKey } from '@app/privacy';
import { HealthController } from './health.controller';
import { HttpMetricsMiddleware } from './http-metrics.middleware';
import { MetricsController } from './metrics.controller';
import { APP_CONFIG, KEY_STORE_POOL, PG_POOL, ROOT_LOGGER, RUNNING_DATABASE } from './platform.tokens';
import { Readiness } from './readiness';
import { PinoNestLogger, requestLogging } from './pino-nest-logger';

let config: AppConfig | undefined;
/** The environment is read and validated once per process (the API's main reads it before the app). */
export function appConfig(): AppConfig {
  config ??= loadConfig();
  return config;
}

let logger: Logger | undefined;
let logDestination: 1 | 2 = 1;
/** One pino logger per process, shared by HTTP request logs and the application's own lines. */
function rootLogger(): Logger {
  logger ??= createLogger(appConfig().LOG_LEVEL, 'support-ops', logDestination);
  return logger;
}

/** Nest's own lines through the process's pino logger. */
export const nestLogger = (): PinoNestLogger => new PinoNestLogger(rootLogger());

/** Sends this process's logs to stderr; call before the application is created. */
export function logToStderr(): void {
  logDestination = 2;
}

/** Closes what the platform opened, in dependency order: subscriptions, connections, then the server. */
@Injectable()
class PlatformShutdown implements OnApplicationShutdown {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(PG_POOL) private readonly pool: Pool,
    @Inject(KEY_STORE_POOL) private readonly keyStorePool: Pool,
    @Inject(RUNNING_DATABASE) private readonly database: RunningDatabase,
    @Inject(ROOT_LOGGER) private readonly logger: Logger,
  ) {}

  async onApplicationShutdown(signal?: string): Promise<void> {
    this.logger.info({ signal }, 'shutting down');
    await this.store.close();
    if (this.keyStorePool !== this.pool) await this.keyStorePool.end();
    await this.pool.end();
    await this.database.stop();
    this.logger.info('stopped');
  }
}

function describeDatabase({ embedded, sharedWith, url }: RunningDatabase): string {
  if (!embedded) return 'PostgreSQL from DATABASE_URL';
  const port = new URL(url).port;
  if (sharedWith === undefined) return `embedded PostgreSQL on port ${port}`;
  return `using the embedded PostgreSQL on port ${port} that process ${sharedWith} started on the same DATA_DIR (it stops when that process stops)`;
}

/**
 * What every role needs: configuration, logs, metrics, the database (embedded unless DATABASE_URL)
 * and the event store with its migrations applied, plus /health, /ready and /metrics.
 */
@Global()
@Module({
  imports: [TerminusModule],
  controllers: [HealthController, MetricsController],
  providers: [
    { provide: APP_CONFIG, useFactory: appConfig },
    { provide: ROOT_LOGGER, useFactory: rootLogger },
    Metrics,
    Readiness,
    {
      provide: RUNNING_DATABASE,
      inject: [APP_CONFIG, ROOT_LOGGER],
      useFactory: async (config: AppConfig, logger: Logger): Promise<RunningDatabase> => {
        const database = await startDatabase(
          {
            databaseUrl: config.DATABASE_URL,
            dataDir: config.DATA_DIR,
            embeddedPort: config.EMBEDDED_POSTGRES_PORT,
            databaseName: 'support_ops',
          },
          (message) => logger.warn(message),
        );
        logger.info(
          { embedded: database.embedded, dataDir: database.embedded ? config.DATA_DIR : undefined },
          describeDatabase(database),
        );
        return database;
      },
    },
    {
      provide: PG_POOL,
      inject: [APP_CONFIG, RUNNING_DATABASE, ROOT_LOGGER],
      useFactory: (config: AppConfig, database: RunningDatabase, logger: Logger): Pool => {
        const pool = new Pool({
          connectionString: database.url,
          max: config.DATABASE_POOL_SIZE,
          application_name: 'support-ops',
        });
        pool.on('error', (error: Error & { code?: string }) => {
          // 57P01: the server is shutting down (the embedded server stops on the same signal as we do).
          if (error.code === '57P01') logger.info('PostgreSQL is shutting down; closing idle connections');
          else logger.warn({ err: error }, 'idle PostgreSQL connection failed');
        });
        return pool;
      },
    },
    {
      provide: KEY_STORE_POOL,
      inject: [APP_CONFIG, PG_POOL, ROOT_LOGGER],
      useFactory: (config: AppConfig, pool: Pool, logger: Logger): Pool => {
        if (!config.PII_DATABASE_URL) return pool;
        const keys = new Pool({
          connectionString: config.PII_DATABASE_URL,
          max: 4,
          application_name: 'support-ops-keys',
        });
        // An idle connection dropped by the server must not end the process: requests meanwhile get 503.
        keys.on('error', (error) => logger.warn({ err: error }, 'idle connection to the key store failed'));
        return keys;
      },
    },
    {
      provide: PersonalDataCipher,
      inject: [APP_CONFIG, KEY_STORE_POOL, RUNNING_DATABASE],
      useFactory: async (config: AppConfig, pool: Pool, database: RunningDatabase): Promise<PersonalDataCipher> => {
        const masterKey = await resolveMasterKey({
          configured: config.PII_MASTER_KEY,
          dataDir: config.DATA_DIR,
          embedded: database.embedded,
        });
        await PostgresKeyStore.migrate(pool);
        return new PersonalDataCipher(new PostgresKeyStore(pool, masterKey), config.PII_KEY_CACHE_TTL_MS);
      },
    },
    {
      provide: EVENT_STORE,
      inject: [APP_CONFIG, PG_POOL, RUNNING_DATABASE, ROOT_LOGGER, Metrics, PersonalDataCipher],
      useFactory: async (
        config: AppConfig,
        pool: Pool,
        database: RunningDatabase,
        logger: Logger,
        metrics: Metrics,
        cipher: PersonalDataCipher,
      ): Promise<EventStore> => {
        if (config.EVENT_STORE === 'eventstoredb') {
          logger.info('event log on EventStoreDB');
          const store = new EventStoreDbEventStore(config.EVENTSTORE_CONNECTION_STRING as string, {
            limits: { maxEventBytes: config.EVENT_STORE_MAX_EVENT_BYTES },
            observer: horizonReporter(logger, metrics),
          });
          return new ProtectedEventStore(store, cipher);
        }
        await PostgresEventStore.migrate(pool);
        const store = new PostgresEventStore(pool, {
          limits: { maxEventBytes: config.EVENT_STORE_MAX_EVENT_BYTES },
          horizonStallMs: config.EVENT_STORE_STALL_TIMEOUT_MS,
          pollIntervalMs: config.EVENT_STORE_POLL_INTERVAL_MS,
          listenConnectionString: database.url,
          observer: horizonReporter(logger, metrics),
        });
        return new ProtectedEventStore(store, cipher);
      },
    },
    PlatformShutdown,
  ],
  exports: [APP_CONFIG, ROOT_LOGGER, Metrics, Readiness, RUNNING_DATABASE, PG_POOL, EVENT_STORE, PersonalDataCipher],
})
export class PlatformModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(...requestLogging(rootLogger()), HttpMetricsMiddleware).forRoutes('*path');
  }
}
