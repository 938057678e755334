import { Inject, Module, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import { join } from 'node:path';
import type { Producer } from 'kafkajs';
import type { Pool } from 'pg';
import type { Logger } from 'pino';
import { runsRole, type AppConfig } from '@app/config';
import { roleLeadership, type Leadership, type LeaderSession, type RunningDatabase } from '@app/database';
import { EVENT_STORE, type EventStore } from '@app/event-store';
import { checkpointTopic, ensureTopics, kafkaClient } from '@app/messaging';
import { Metrics } from '@app/observability';
import { APP_CONFIG, PG_POOL, Readiness, ROOT_LOGGER, RUNNING_DATABASE } from '@app/platform';
import { storedEventStore } from '@app/privacy';
import { LEADER_LOCK_CLASS } from '@app/projections';
import { LedgerBuilder, LedgerContradiction } from './ledger-builder';
import { LedgerProofs } from './ledger-proofs';
import { latestCheckpoint, markSent, migrateLedger, readLedgerState, unsentCheckpoints } from './ledger-store';
import { resolveSigningKey } from './signing-key';

const KAFKA_RETRY_MS = 5000;

/** Proofs from the ledger, for the API and the CLI (which run no ledger role). */
@Module({
  providers: [
    {
      provide: LedgerProofs,
      inject: [PG_POOL, EVENT_STORE],
      useFactory: (pool: Pool, store: EventStore) => new LedgerProofs(pool, storedEventStore(store)),
    },
  ],
  exports: [LedgerProofs],
})
export class LedgerProofsModule implements OnApplicationBootstrap {
  constructor(@Inject(PG_POOL) private readonly pool: Pool) {}

  async onApplicationBootstrap(): Promise<void> {
    await migrateLedger(this.pool);
  }
}

/**
 * The `ledger` role (ROLES): one leader across processes builds the Merkle tree over the log and
 * signs checkpoints (ledger-builder.ts), published to CHECKPOINT_DIR and, with KAFKA_BROKERS, to
 * `<prefix>.checkpoints`. A tree that contradicts a checkpoint it published stops the role, which
 * then holds its lock without signing and reports why in /ready. Every role can read proofs.
 */
@Module({ imports: [LedgerProofsModule], exports: [LedgerProofsModule] })
export class LedgerModule implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private leadership?: Leadership;
  private halted?: string;
  private stopped = false;
  private stop?: () => void;
  private producer?: Producer;

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
    await migrateLedger(this.pool);
    if (!runsRole(this.config, 'ledger')) return;
    const logger = this.rootLogger.child({ role: 'ledger' });
    const builder = await this.builder(logger);
    this.readiness.register('ledger', async () => {
      if (this.halted) throw new Error(this.halted);
      const [state, checkpoint] = await Promise.all([readLedgerState(this.pool), latestCheckpoint(this.pool)]);
      return { size: state.size.toString(), checkpointSize: checkpoint?.size.toString() ?? null };
    });
    this.leadership = roleLeadership(
      {
        role: 'ledger',
        key: 'ledger',
        lockClass: LEADER_LOCK_CLASS,
        connectionString: this.database.url,
        pollMs: this.config.PROJECTION_LEADER_POLL_MS,
        logger,
        changed: (leader) => this.metrics.ledgerLeader.set(leader ? 1 : 0),
      },
      (session) => this.lead(builder, session, logger),
    );
    this.leadership.start();
  }

  /** The tree's builder, with its signing key and where its checkpoints go. */
  private async builder(logger: Logger): Promise<LedgerBuilder> {
    const signer = await resolveSigningKey({
      configured: this.config.CHECKPOINT_SIGNING_KEY,
      dataDir: this.config.DATA_DIR,
      embedded: this.database.embedded,
    });
    const directory =
      this.config.CHECKPOINT_DIR ?? (this.database.embedded ? join(this.config.DATA_DIR, 'checkpoints') : undefined);
    logger.info({ origin: signer.name, directory }, `ledger signs checkpoints of ${signer.name}`);
    const options = {
      everyEvents: this.config.CHECKPOINT_EVERY_EVENTS,
      intervalMs: this.config.CHECKPOINT_INTERVAL_MS,
      batchSize: this.config.LEDGER_BATCH_SIZE,
      directory,
    };
    return new LedgerBuilder(this.pool, storedEventStore(this.store), signer, options, logger, {
      grew: (size) => this.metrics.ledgerSize.set(Number(size)),
      signed: (checkpoint) => {
        this.metrics.ledgerCheckpointSize.set(Number(checkpoint.size));
        this.metrics.ledgerCheckpointTimestamp.set(Date.now() / 1000);
        logger.info({ size: checkpoint.size.toString() }, 'ledger signed a checkpoint');
        void this.publishToKafka(logger);
      },
    });
  }

  /** Builds and signs while this process leads; a contradiction halts the role until it restarts. */
  private async lead(builder: LedgerBuilder, session: LeaderSession, logger: Logger): Promise<void> {
    const until = new Promise<void>((resolve) => {
      this.stop = resolve;
      void session.whenLost.then(resolve);
    });
    if (this.halted) return until;
    try {
      await this.publishToKafka(logger);
      await builder.run(until);
    } catch (error) {
      if (!(error instanceof LedgerContradiction)) throw error;
      this.halted = `the ledger stopped: ${error.message}`;
      logger.error(this.halted);
      await until;
    }
  }

  /** Sends the checkpoints not yet on the topic, oldest first; a failure is retried a little later. */
  private async publishToKafka(logger: Logger): Promise<void> {
    if (!this.config.KAFKA_BROKERS || this.stopped) return;
    try {
      if (!this.producer) {
        const kafka = kafkaClient(this.config, logger);
        await ensureTopics(kafka, [checkpointTopic(this.config.KAFKA_TOPIC_PREFIX)]);
        const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
        await producer.connect();
        this.producer = producer;
      }
      const unsent = await unsentCheckpoints(this.pool);
      if (unsent.length === 0) return;
      await this.producer.send({
        topic: checkpointTopic(this.config.KAFKA_TOPIC_PREFIX),
        acks: -1,
        messages: unsent.map((checkpoint) => ({
          key: checkpoint.origin,
          value: checkpoint.note,
          headers: { 'content-type': 'text/plain', 'tree-size': checkpoint.size.toString() },
        })),
      });
      await markSent(
        this.pool,
        unsent.map((checkpoint) => checkpoint.size),
      );
    } catch (error) {
      logger.warn({ err: error }, 'publishing checkpoints to Kafka failed; trying again');
      setTimeout(() => void this.publishToKafka(logger), KAFKA_RETRY_MS).unref();
    }
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.stopped = true;
    this.stop?.();
    await this.leadership?.stop();
    await this.producer?.disconnect().catch(() => undefined);
  }
}
