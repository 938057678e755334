import { Inject, Module, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import type { Pool } from 'pg';
import type { Logger } from 'pino';
import { CLOCK, type Clock } from '@app/commanding';
import { CommandingModule } from '@app/commanding';
import { runsRole, type AppConfig } from '@app/config';
import { roleLeadership, type Leadership, type LeaderSession, type RunningDatabase } from '@app/database';
import { EVENT_STORE, type EventStore } from '@app/event-store';
import { Metrics } from '@app/observability';
import { APP_CONFIG, PG_POOL, ROOT_LOGGER, RUNNING_DATABASE } from '@app/platform';
import { LEADER_LOCK_CLASS, ProjectionsModule } from '@app/projections';
import { CommandDispatcher } from './command-dispatcher';
import { readModelView, SlaClock } from './sla-clock';
import { Triggers } from './triggers';

/** Targets read per tick and per kind (at risk, breach); a full batch ticks again at once. */
const CLOCK_BATCH = 1000;

/**
 * The `sla-clock` role (ROLES): the SLA clock and the proactive triggers. One leader across
 * processes (a session advisory lock, like the projections'); a standby takes over when the
 * leader's session ends. Two leaders at once (a partition) would still record nothing twice: the
 * ticket and account deciders check every request. Time comes from the injected CLOCK, so tests
 * drive this very loop with a clock they control.
 */
@Module({ imports: [ProjectionsModule, CommandingModule] })
export class SlaClockModule implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private leadership?: Leadership;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(PG_POOL) private readonly pool: Pool,
    @Inject(RUNNING_DATABASE) private readonly database: RunningDatabase,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(ROOT_LOGGER) private readonly rootLogger: Logger,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly bus: CommandBus,
    private readonly metrics: Metrics,
  ) {}

  onApplicationBootstrap(): void {
    if (!runsRole(this.config, 'sla-clock')) return;
    const logger = this.rootLogger.child({ role: 'sla-clock' });
    const leadership = roleLeadership(
      {
        role: 'sla-clock',
        key: 'sla-clock',
        lockClass: LEADER_LOCK_CLASS,
        connectionString: this.database.url,
        pollMs: this.config.PROJECTION_LEADER_POLL_MS,
        logger,
        changed: (leader) => this.metrics.clockLeader.set(leader ? 1 : 0),
      },
      (session) => this.lead(leadership, logger, session),
    );
    this.leadership = leadership;
    leadership.start();
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.leadership?.stop();
  }

  private async lead(leadership: Leadership, logger: Logger, session: LeaderSession): Promise<void> {
    logger.info('sla-clock leader');
    const dispatcher = new CommandDispatcher(
      this.config.SLA_CLOCK_CONCURRENCY,
      () => this.store.headPosition(),
      logger,
    );
    const slaClock = new SlaClock(this.pool, this.bus, dispatcher, this.metrics, CLOCK_BATCH);
    const triggers = new Triggers(this.pool, this.bus, dispatcher, this.metrics, this.config);
    let triggersAt = 0;
    while (leadership.leads(session)) {
      let busy = false;
      try {
        const view = await readModelView(this.pool);
        const now = this.clock.now();
        busy = (await slaClock.tick(view, now)) >= CLOCK_BATCH;
        if (Date.now() >= triggersAt) {
          triggersAt = Date.now() + this.config.TRIGGER_POLL_MS;
          await triggers.tick(view, now);
        }
      } catch (error) {
        logger.warn({ err: error }, 'sla-clock tick failed; trying again');
      }
      if (!busy) await leadership.pause(this.config.SLA_CLOCK_POLL_MS, session);
    }
  }
}
