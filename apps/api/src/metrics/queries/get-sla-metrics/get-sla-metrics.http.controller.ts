import { Controller, Get, Headers, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import { Authorized } from '../../../shared/auth/auth.guard';
import type { Period } from '../../period';
import type { SlaMetricsGroup } from './get-sla-metrics.handler';
import { GetSlaMetricsQuery } from './get-sla-metrics.query';
import { GetSlaMetricsRequest } from './get-sla-metrics.request.dto';

@ApiTags('metrics')
@Controller('v1/metrics')
export class GetSlaMetricsHttpController {
  constructor(private readonly queries: QueryBus) {}

  /** SLA compliance per metric, business minutes to first response and resolution (median, p90), breaches, volume and CSAT for a period. */
  @Get('sla')
  @Authorized('read')
  getSlaMetrics(@Query() request: GetSlaMetricsRequest, @Headers('x-min-position') minPosition?: string): Promise<{ period: Period; groupBy: string | null; groups: SlaMetricsGroup[] }> {
    return this.queries.execute(new GetSlaMetricsQuery(request, minPosition));
  }
}
