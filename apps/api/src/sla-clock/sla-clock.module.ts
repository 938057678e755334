import { Inject, Module, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { Client, type Pool } from 'pg';
import type { Logger } from 'pino';
import { CLOCK, type Clock } from '@app/commanding';
import { runsRole, type AppConfig } from '@app/config';
import type { RunningDatabase } from '@app/database';
import { EVENT_STORE, type EventStore } from '@app/event-store';
import { Metrics } from '@app/observability';
import { APP_CONFIG, PG_POOL, ROOT_LOGGER, RUNNING_DATABASE } from '@app/platform';
import { LEADER_LOCK_CLASS, ProjectionsModule } from '@app/projections';
import { AccountsModule } from '../accounts/accounts.module';
import { CommandSideModule } from '../shared/command-side.module';
import { TicketsModule } from '../tickets/tickets.module';
import { CommandDispatcher } from './command-dispatcher';
import { SlaClock, type ReadModelView } from './sla-clock';
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
@Module({ imports: [ProjectionsModule, CommandSideModule, TicketsModule, AccountsModule] })
export class SlaClockModule implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private stopped = false;
  private running?: Promise<void>;
  private wake?: () => void;

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
    this.running = this.loop();
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.stopped = true;
    this.wake?.();
    await this.running;
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, ms);
      this.wake = () => (clearTimeout(timer), resolve());
    });
  }

  private async loop(): Promise<void> {
    const logger = this.rootLogger.child({ role: 'sla-clock' });
    while (!this.stopped) {
      const session = new Client({ connectionString: this.database.url, application_name: 'support-ops sla-clock' });
      let lost = false;
      session.on('error', () => (lost = true));
      session.on('end', () => (lost = true));
      try {
        await session.connect();
        const { rows } = await session.query<{ ok: boolean }>('SELECT pg_try_advisory_lock($1, hashtext($2)) AS ok', [LEADER_LOCK_CLASS, 'sla-clock']);
        if (rows[0].ok) await this.lead(logger, () => lost);
      } catch (error) {
        logger.warn({ err: error }, 'sla-clock leadership attempt failed');
      } finally {
        this.metrics.clockLeader.set(0);
        await session.end().catch(() => undefined);
      }
      if (!this.stopped) await this.sleep(this.config.PROJECTION_LEADER_POLL_MS);
    }
  }

  private async lead(logger: Logger, lost: () => boolean): Promise<void> {
    logger.info('sla-clock leader');
    this.metrics.clockLeader.set(1);
    const dispatcher = new CommandDispatcher(this.config.SLA_CLOCK_CONCURRENCY, () => this.store.headPosition(), logger);
    const slaClock = new SlaClock(this.pool, this.bus, dispatcher, this.metrics, CLOCK_BATCH);
    const triggers = new Triggers(this.pool, this.bus, dispatcher, this.metrics, this.config);
    let triggersAt = 0;
    while (!this.stopped && !lost()) {
      let busy = false;
      try {
        const view = await this.view();
        const now = this.clock.now();
        busy = (await slaClock.tick(view, now)) >= CLOCK_BATCH;
        if (Date.now() >= triggersAt) {
          triggersAt = Date.now() + this.config.TRIGGER_POLL_MS;
          await triggers.tick(view, now);
        }
      } catch (error) {
        logger.warn({ err: error }, 'sla-clock tick failed; trying again');
      }
      if (!busy) await this.sleep(this.config.SLA_CLOCK_POLL_MS);
    }
  }

  private async view(): Promise<ReadModelView> {
    const { rows } = await this.pool.query<{ active_schema: string; position: string }>(`SELECT active_schema, position FROM projections.status WHERE name = 'queue'`);
    if (rows.length === 0) throw new Error('the queue read model is not set up yet');
    return { schema: rows[0].active_schema, position: BigInt(rows[0].position) };
  }
}
