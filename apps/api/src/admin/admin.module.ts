import { Module } from '@nestjs/common';
import { ApiSharedModule } from '../shared/api-shared.module';
import { RebuildProjectionHandler } from './commands/rebuild-projection/rebuild-projection.handler';
import { RebuildProjectionHttpController } from './commands/rebuild-projection/rebuild-projection.http.controller';
import { GetRelayStatusHandler } from './queries/get-relay-status/get-relay-status.handler';
import { GetRelayStatusHttpController } from './queries/get-relay-status/get-relay-status.http.controller';
import { GetSlaClockStatusHandler } from './queries/get-sla-clock-status/get-sla-clock-status.handler';
import { GetSlaClockStatusHttpController } from './queries/get-sla-clock-status/get-sla-clock-status.http.controller';
import { ListProjectionsHandler } from './queries/list-projections/list-projections.handler';
import { ListProjectionsHttpController } from './queries/list-projections/list-projections.http.controller';

/** Operator endpoints (scope admin). */
@Module({
  imports: [ApiSharedModule],
  controllers: [
    ListProjectionsHttpController,
    RebuildProjectionHttpController,
    GetRelayStatusHttpController,
    GetSlaClockStatusHttpController,
  ],
  providers: [ListProjectionsHandler, RebuildProjectionHandler, GetRelayStatusHandler, GetSlaClockStatusHandler],
})
export class AdminHttpModule {}
