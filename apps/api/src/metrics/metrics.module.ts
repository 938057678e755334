import { Module } from '@nestjs/common';
import { ApiSharedModule } from '../shared/api-shared.module';
import { ListRenewalsHttpController } from '../renewals/queries/list-renewals/list-renewals.http.controller';
import { GetRetentionMetricsHttpController } from './queries/get-retention-metrics/get-retention-metrics.http.controller';
import { GetSlaMetricsHttpController } from './queries/get-sla-metrics/get-sla-metrics.http.controller';

/** Metrics and renewals on the SLA and retention read models. */
@Module({
  imports: [ApiSharedModule],
  controllers: [GetSlaMetricsHttpController, GetRetentionMetricsHttpController, ListRenewalsHttpController],
})
export class MetricsHttpModule {}
