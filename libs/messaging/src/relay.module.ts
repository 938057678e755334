import { Inject, Module, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import { Kafka, logLevel, type LogEntry } from 'kafkajs';
import type { Pool } from 'pg';
import type { Logger } from 'pino';
import { runsRole, type AppConfig } from '@app/config';
import type { RunningDatabase } from '@app/database';
import { EVENT_STORE, type EventStore } from '@app/event-store';
import { Metrics } from '@app/observability';
import { APP_CONFIG, PG_POOL, Readiness, ROOT_LOGGER, RUNNING_DATABASE } from '@app/platform';
import { KafkaRelay, type BrokerState } from './kafka-relay';
import { migrateMessaging } from './relay-store';
import { relayStatus } from './relay-status';

/** The relay's checkpoint row; one relay per deployment. */
export const RELAY_NAME = 'kafka';
/** A probe runs every few seconds: it counts lag up to this many events. */
const READINESS_LAG_LIMIT = 100;

/** kafkajs retries a connection for a while before it reports a failure; longer than this is one. */
const CONNECT_GRACE_MS = 10_000;
const brokerDown = ({ state, since }: BrokerState): boolean =>
  state === 'unreachable' || (state === 'connecting' && Date.now() - since.getTime() > CONNECT_GRACE_MS);

/** A kafkajs client logging through pino (warnings and errors only). */
export function kafkaClient(config: AppConfig, logger: Logger): Kafka {
  const levels: Record<number, 'error' | 'warn' | 'info' | 'debug'> = {
    [logLevel.ERROR]: 'error',
    [logLevel.WARN]: 'warn',
    [logLevel.INFO]: 'info',
    [logLevel.DEBUG]: 'debug',
  };
  return new Kafka({
    clientId: config.KAFKA_CLIENT_ID,
    brokers: (config.KAFKA_BROKERS ?? '').split(','),
    logLevel: logLevel.WARN,
    logCreator: () => (entry: LogEntry) =>
      logger[levels[entry.level] ?? 'info']({ kafka: entry.namespace, ...entry.log }, entry.log.message),
  });
}

/**
 * The `relay` role (ROLES): the Kafka relay when KAFKA_BROKERS is set. Every role reports
 * the relay's lag in /ready, so operators see a relay that is off or behind.
 */
@Module({})
export class RelayModule implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private relay?: KafkaRelay;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(PG_POOL) private readonly pool: Pool,
    @Inject(RUNNING_DATABASE) private readonly database: RunningDatabase,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(ROOT_LOGGER) private readonly rootLogger: Logger,
    private readonly metrics: Metrics,
    private readonly readiness: Readiness,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await migrateMessaging(this.pool);
    // A relay that is off (no KAFKA_BROKERS) or behind is reported, and does not make a role unready:
    // the log keeps accepting writes and the relay catches up. Only the process leading the relay is
    // unready while it cannot reach its brokers, so that a wrong KAFKA_BROKERS is seen at once.
    this.readiness.register('relay', async () => {
      const status = await relayStatus(
        this.pool,
        this.store,
        RELAY_NAME,
        Boolean(this.config.KAFKA_BROKERS),
        READINESS_LAG_LIMIT,
      );
      const broker = this.relay?.broker;
      if (broker && brokerDown(broker)) {
        const why = broker.error ?? `still connecting after ${CONNECT_GRACE_MS / 1000} s`;
        throw new Error(
          `the relay cannot reach Kafka at KAFKA_BROKERS=${this.config.KAFKA_BROKERS} since ${broker.since.toISOString()} (${why}); check that the brokers run and the setting names them`,
        );
      }
      return {
        enabled: status.enabled,
        broker: broker?.state ?? 'not_run_here',
        position: status.position,
        lagEvents: status.lag.events,
        lagEventsAtLeast: status.lag.eventsAtLeast,
        lagSeconds: status.lag.seconds,
        deadLettered: status.deadLettered,
      };
    });
    if (!runsRole(this.config, 'relay') || !this.config.KAFKA_BROKERS) return;
    const logger = this.rootLogger.child({ role: 'relay' });
    const metrics = this.metrics;
    this.relay = new KafkaRelay(
      this.store,
      this.pool,
      kafkaClient(this.config, logger),
      {
        name: RELAY_NAME,
        prefix: this.config.KAFKA_TOPIC_PREFIX,
        batchSize: this.config.RELAY_BATCH_SIZE,
        maxMessageBytes: this.config.RELAY_MAX_MESSAGE_BYTES,
        leaderPollMs: this.config.PROJECTION_LEADER_POLL_MS,
        retryMs: this.config.RELAY_RETRY_MS,
        connectionString: this.database.url,
      },
      logger,
      {
        produced: (messages, position, lastRecordedAt) => {
          for (const message of messages) metrics.relayMessages.inc({ topic: message.topic });
          metrics.relayPosition.set(Number(position));
          metrics.relayLagSeconds.set(Math.max(0, (Date.now() - lastRecordedAt.getTime()) / 1000));
        },
        deadLettered: (count) => metrics.relayDeadLetters.inc(count),
        produceFailed: () => metrics.relayProduceErrors.inc(),
        leadership: (leader) => metrics.relayLeader.set(leader ? 1 : 0),
      },
    );
    this.relay.start();
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.relay?.stop();
  }
}
