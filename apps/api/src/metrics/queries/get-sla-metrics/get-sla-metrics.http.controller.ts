import { Controller, Get } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Authorized } from '../../../shared/auth/auth.guard';
import { GetSlaMetricsQuery } from './get-sla-metrics.query';
import { GetSlaMetricsRequest } from './get-sla-metrics.request';
import { ApiAnswer } from '../../../openapi/api-answer.decorator';
import type { SlaMetricsResponse } from '../../../openapi/responses';
import { MinPosition, ReadsYourWrites } from '../../../shared/min-position.decorator';
import { ValidQuery } from '../../../shared/request.decorators';

@ApiTags('metrics')
@Controller('v1/metrics')
export class GetSlaMetricsHttpController {
  constructor(private readonly queries: QueryBus) {}

  @ApiOperation({
    summary:
      'SLA compliance per metric, business minutes to first response and resolution (median, p90), breaches, volume and CSAT for a period.',
  })
  @Get('sla')
  @ApiAnswer('SlaMetricsResponse')
  @ReadsYourWrites()
  @Authorized('read')
  getSlaMetrics(
    @ValidQuery(GetSlaMetricsRequest) request: GetSlaMetricsRequest,
    @MinPosition() minPosition?: string,
  ): Promise<SlaMetricsResponse> {
    return this.queries.execute(new GetSlaMetricsQuery(request, minPosition));
  }
}
