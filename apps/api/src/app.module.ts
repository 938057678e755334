import { Module, type MiddlewareConsumer, type NestModule } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { CqrsModule } from '@nestjs/cqrs';
import { LedgerModule, LedgerProofsModule } from '@app/ledger';
import { RelayModule } from '@app/messaging';
import { PlatformModule } from '@app/platform';
import { ProjectorModule } from '@app/projections';
import { SlaClockModule } from '@app/sla-clock';
import { AccountsHttpController } from './accounts/accounts.http.controller';
import { AdminHttpController } from './admin/admin.http.controller';
import { CalendarsHttpController } from './calendars/calendars.http.controller';
import { LedgerHttpController } from './ledger/ledger.http.controller';
import { MetricsHttpController } from './metrics/metrics.http.controller';
import { AsyncApiController } from './openapi/asyncapi.controller';
import { QueuesHttpController } from './queues/queues.http.controller';
import { ApiErrorFilter } from './shared/api-error.filter';
import { ApiSharedModule } from './shared/api-shared.module';
import { JsonOnlyMiddleware } from './shared/json-only.middleware';
import { SlaPoliciesHttpController } from './sla-policies/sla-policies.http.controller';
import { TicketsHttpController } from './tickets/tickets.http.controller';

/** The API role: a controller per context (its commands and queries), and every role this process runs. */
@Module({
  imports: [
    PlatformModule,
    CqrsModule.forRoot(),
    ApiSharedModule,
    LedgerProofsModule,
    ProjectorModule,
    SlaClockModule,
    RelayModule,
    LedgerModule,
  ],
  controllers: [
    CalendarsHttpController,
    SlaPoliciesHttpController,
    AccountsHttpController,
    TicketsHttpController,
    QueuesHttpController,
    MetricsHttpController,
    AdminHttpController,
    LedgerHttpController,
    AsyncApiController,
  ],
  providers: [{ provide: APP_FILTER, useClass: ApiErrorFilter }],
})
export class AppModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(JsonOnlyMiddleware).forRoutes('v1/*path');
  }
}
