import { Controller, Get } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Authorized } from '../../../shared/auth/auth.guard';
import { GetRetentionMetricsQuery } from './get-retention-metrics.query';
import { GetRetentionMetricsRequest } from './get-retention-metrics.request';
import { ApiAnswer } from '../../../openapi/api-answer.decorator';
import type { RetentionMetricsResponse } from '../../../openapi/responses';
import { MinPosition, ReadsYourWrites } from '../../../shared/min-position.decorator';
import { ValidQuery } from '../../../shared/request.decorators';

@ApiTags('metrics')
@Controller('v1/metrics')
export class GetRetentionMetricsHttpController {
  constructor(private readonly queries: QueryBus) {}

  @ApiOperation({ summary: 'ARR at the start and end of a period, GRR, NRR and logo retention, per currency.' })
  @Get('retention')
  @ApiAnswer('RetentionMetricsResponse')
  @ReadsYourWrites()
  @Authorized('read')
  getRetentionMetrics(
    @ValidQuery(GetRetentionMetricsRequest) request: GetRetentionMetricsRequest,
    @MinPosition() minPosition?: string,
  ): Promise<RetentionMetricsResponse> {
    return this.queries.execute(new GetRetentionMetricsQuery(request, minPosition));
  }
}
