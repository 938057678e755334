import { Controller, Get, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import { Authorized } from '../../../shared/auth/auth.guard';
import { GetSlaMetricsQuery } from './get-sla-metrics.query';
import { GetSlaMetricsRequest } from './get-sla-metrics.request.dto';
import { ApiAnswer } from '../../../openapi/api-answer.decorator';
import type { SlaMetricsResponse } from '../../../openapi/responses';
import { MinPosition, ReadsYourWrites } from '../../../shared/min-position.decorator';

@ApiTags('metrics')
@Controller('v1/metrics')
export class GetSlaMetricsHttpController {
  constructor(private readonly queries: QueryBus) {}

  /** SLA compliance per metric, business minutes to first response and resolution (median, p90), breaches, volume and CSAT for a period. */
  @Get('sla')
  @ApiAnswer('SlaMetricsResponse')
  @ReadsYourWrites()
  @Authorized('read')
  getSlaMetrics(
    @Query() request: GetSlaMetricsRequest,
    @MinPosition() minPosition?: string,
  ): Promise<SlaMetricsResponse> {
    return this.queries.execute(new GetSlaMetricsQuery(request, minPosition));
  }
}
