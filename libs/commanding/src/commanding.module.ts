import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { EVENT_STORE } from '@app/event-store';
import { APP_CONFIG, PG_POOL, ROOT_LOGGER } from '@app/platform';
import { storedEventStore } from '@app/privacy';
import type { AppConfig } from '@app/config';
import type { Logger } from 'pino';
import { Metrics } from '@app/observability';
import { CLOCK, systemClock } from './clock';
import {
  COMMAND_CACHE_STREAMS,
  COMMAND_OBSERVER,
  COMMAND_RETRIES,
  CommandExecutor,
  type CommandObserver,
} from './command-executor';
import { CommandGateway, Enrichers } from './command-gateway';
import { SLA_CATALOG_LOGGER, SLA_CATALOG_POOL, SLA_CATALOG_STORE, SlaCatalog } from './sla-catalog';

/**
 * The write side shared by every role that sends commands: the gateway every command goes through
 * (`bus.execute(new Send(command, meta))`), its enrichers, the executor, the clock and the SLA catalog.
 */
@Module({
  imports: [CqrsModule],
  providers: [
    { provide: CLOCK, useValue: systemClock },
    { provide: COMMAND_RETRIES, inject: [APP_CONFIG], useFactory: (config: AppConfig) => config.COMMAND_RETRIES },
    {
      provide: COMMAND_CACHE_STREAMS,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => config.COMMAND_CACHE_STREAMS,
    },
    {
      provide: COMMAND_OBSERVER,
      inject: [Metrics],
      useFactory: (metrics: Metrics): CommandObserver => ({
        completed: (aggregate, outcome, appended) => {
          metrics.commands.inc({ aggregate, outcome });
          if (appended > 0) metrics.eventsAppended.inc({ aggregate }, appended);
        },
        retried: (aggregate) => metrics.commandRetries.inc({ aggregate }),
      }),
    },
    { provide: SLA_CATALOG_POOL, useExisting: PG_POOL },
    // Policies and calendars hold no personal data: the catalog reads the log as stored, opening nothing.
    { provide: SLA_CATALOG_STORE, inject: [EVENT_STORE], useFactory: storedEventStore },
    {
      provide: SLA_CATALOG_LOGGER,
      inject: [ROOT_LOGGER],
      useFactory: (logger: Logger) => logger.child({ component: 'sla-catalog' }),
    },
    CommandExecutor,
    SlaCatalog,
    Enrichers,
    CommandGateway,
  ],
  exports: [CqrsModule, CLOCK, CommandExecutor, SlaCatalog],
})
export class CommandingModule {}
