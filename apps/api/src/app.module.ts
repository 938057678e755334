import { Module, type MiddlewareConsumer, type NestModule } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { CqrsModule } from '@nestjs/cqrs';
import { LedgerModule } from '@app/ledger';
import { RelayModule } from '@app/messaging';
import { PlatformModule } from '@app/platform';
import { ProjectorModule } from '@app/projections';
import { SlaClockModule } from '@app/sla-clock';
import { AccountsHttpModule } from './accounts/accounts-http.module';
import { AdminHttpModule } from './admin/admin.module';
import { CalendarsHttpModule } from './calendars/calendars-http.module';
import { ApiErrorFilter } from './shared/api-error.filter';
import { JsonOnlyMiddleware } from './shared/json-only.middleware';
import { LedgerHttpModule } from './ledger/ledger-http.module';
import { MetricsHttpModule } from './metrics/metrics.module';
import { AsyncApiController } from './openapi/asyncapi.controller';
import { QueuesHttpModule } from './queues/queues.module';
import { SlaPoliciesHttpModule } from './sla-policies/sla-policies-http.module';
import { TicketsHttpModule } from './tickets/tickets-http.module';

/** The API role: one module per bounded context, each made of use-case slices. */
@Module({
  imports: [
    PlatformModule,
    CqrsModule.forRoot(),
    ProjectorModule,
    CalendarsHttpModule,
    SlaPoliciesHttpModule,
    AccountsHttpModule,
    TicketsHttpModule,
    QueuesHttpModule,
    MetricsHttpModule,
    AdminHttpModule,
    SlaClockModule,
    RelayModule,
    LedgerModule,
    LedgerHttpModule,
  ],
  controllers: [AsyncApiController],
  providers: [{ provide: APP_FILTER, useClass: ApiErrorFilter }],
})
export class AppModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(JsonOnlyMiddleware).forRoutes('v1/*path');
  }
}
