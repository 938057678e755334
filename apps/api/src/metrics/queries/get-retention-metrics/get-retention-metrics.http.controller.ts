import { Controller, Get } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { retentionFigures } from '@app/projections';
import { ApiAnswer } from '../../../openapi/api-answer.decorator';
import type { RetentionMetricsResponse } from '../../../openapi/responses';
import { Authorized } from '../../../shared/auth/auth.guard';
import { MinPosition, ReadsYourWrites } from '../../../shared/min-position.decorator';
import { ReadModels } from '../../../shared/read-model';
import { ValidQuery } from '../../../shared/request.decorators';
import { parsePeriod } from '../../period';
import { GetRetentionMetricsRequest } from './get-retention-metrics.request';

@ApiTags('metrics')
@Controller('v1/metrics')
export class GetRetentionMetricsHttpController {
  constructor(private readonly readModels: ReadModels) {}

  @ApiOperation({ summary: 'ARR at the start and end of a period, GRR, NRR and logo retention, per currency.' })
  @Get('retention')
  @ApiAnswer('RetentionMetricsResponse')
  @ReadsYourWrites()
  @Authorized('read')
  async getRetentionMetrics(
    @ValidQuery(GetRetentionMetricsRequest) request: GetRetentionMetricsRequest,
    @MinPosition() minPosition?: string,
  ): Promise<RetentionMetricsResponse> {
    const period = parsePeriod(request.period);
    const model = await this.readModels.open('retention', minPosition);
    return { period, tier: request.tier ?? null, currencies: await retentionFigures(model, period, request.tier) };
  }
}
