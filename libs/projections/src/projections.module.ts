import { Inject, Module, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import type { Pool } from 'pg';
import type { Logger } from 'pino';
import { runsRole, type AppConfig } from '@app/config';
import type { RunningDatabase } from '@app/database';
import { KNOWN_EVENT_TYPES } from '@app/domain';
import { EVENT_STORE, type EventStore } from '@app/event-store';
import { Metrics } from '@app/observability';
import { APP_CONFIG, PG_POOL, Readiness, ROOT_LOGGER, RUNNING_DATABASE } from '@app/platform';
import { ProjectionAdmin } from './projection-admin.service';
import { ALL_PROJECTIONS } from './projections';
import { ProjectionRunner } from './projection-runner';
import { ProjectionStatusService } from './projection-status.service';
import { ensureProjection, migrateProjections } from './projection-store';
import { AccountHistory } from './timeline/account-history';

/** Read models for every role that queries them: schemas, status and admin services. */
/** A probe runs every few seconds: it counts lag up to this many events (`lagEventsAtLeast` beyond). */
const READINESS_LAG_LIMIT = 100;

@Module({
  providers: [ProjectionStatusService, ProjectionAdmin, AccountHistory],
  exports: [ProjectionStatusService, ProjectionAdmin, AccountHistory],
})
export class ProjectionsModule implements OnApplicationBootstrap {
  constructor(
    @Inject(PG_POOL) private readonly pool: Pool,
    private readonly readiness: Readiness,
    private readonly status: ProjectionStatusService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await migrateProjections(this.pool);
    for (const projection of ALL_PROJECTIONS) await ensureProjection(this.pool, projection);
    // Ready while no read model has failed; lag is reported, not judged (a rebuild or a burst lags).
    this.readiness.register('readModels', async () => {
      const projections = await this.status.list(undefined, READINESS_LAG_LIMIT);
      const failed = projections.filter((projection) => projection.state === 'failed');
      if (failed.length > 0)
        throw new Error(
          `read model ${failed.map((p) => `${p.name} failed at ${p.error?.position}: ${p.error?.message}`).join('; ')}`,
        );
      return Object.fromEntries(
        projections.map((p) => [
          p.name,
          {
            state: p.state,
            position: p.position,
            lagEvents: p.lag.events,
            lagEventsAtLeast: p.lag.eventsAtLeast,
            lagSeconds: p.lag.seconds,
          },
        ]),
      );
    });
  }
}

/** The `projector` role (ROLES): a runner per projection, one leader each across processes. */
@Module({ imports: [ProjectionsModule] })
export class ProjectorModule implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private runners: ProjectionRunner[] = [];

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(PG_POOL) private readonly pool: Pool,
    @Inject(RUNNING_DATABASE) private readonly database: RunningDatabase,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(ROOT_LOGGER) private readonly logger: Logger,
    private readonly metrics: Metrics,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!runsRole(this.config, 'projector')) return;
    const logger = this.logger.child({ role: 'projector' });
    const metrics = this.metrics;
    this.runners = ALL_PROJECTIONS.map(
      (projection) =>
        new ProjectionRunner(
          projection,
          this.store,
          this.pool,
          KNOWN_EVENT_TYPES,
          {
            batchSize: this.config.PROJECTION_BATCH_SIZE,
            rebuildBatchSize: this.config.PROJECTION_REBUILD_BATCH_SIZE,
            leaderPollMs: this.config.PROJECTION_LEADER_POLL_MS,
            retryMs: this.config.PROJECTION_RETRY_MS,
            connectionString: this.database.url,
          },
          logger,
          {
            applied: (name, events, position, lastRecordedAt) => {
              metrics.projectionEvents.inc({ projection: name }, events);
              metrics.projectionPosition.set({ projection: name }, Number(position));
              metrics.projectionLagSeconds.set(
                { projection: name },
                Math.max(0, (Date.now() - lastRecordedAt.getTime()) / 1000),
              );
            },
            failed: (name) => metrics.projectionFailures.inc({ projection: name }),
            unknown: (name, count) => metrics.projectionUnknownEvents.inc({ projection: name }, count),
            leadership: (name, leader) => metrics.projectionLeader.set({ projection: name }, leader ? 1 : 0),
          },
        ),
    );
    for (const runner of this.runners) runner.start();
  }

  /** Before the platform closes the store and the pool: runners finish their batch and let go of leadership. */
  async beforeApplicationShutdown(): Promise<void> {
    await Promise.all(this.runners.map((runner) => runner.stop()));
  }
}
