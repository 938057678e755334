import { Controller, Get } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { slaMetrics } from '@app/projections';
import { ApiAnswer } from '../../../openapi/api-answer.decorator';
import type { SlaMetricsResponse } from '../../../openapi/responses';
import { Authorized } from '../../../shared/auth/auth.guard';
import { MinPosition, ReadsYourWrites } from '../../../shared/min-position.decorator';
import { ReadModels } from '../../../shared/read-model';
import { ValidQuery } from '../../../shared/request.decorators';
import { parsePeriod } from '../../period';
import { GetSlaMetricsRequest } from './get-sla-metrics.request';

@ApiTags('metrics')
@Controller('v1/metrics')
export class GetSlaMetricsHttpController {
  constructor(private readonly readModels: ReadModels) {}

  @ApiOperation({
    summary:
      'SLA compliance per metric, business minutes to first response and resolution (median, p90), breaches, volume and CSAT for a period.',
  })
  @Get('sla')
  @ApiAnswer('SlaMetricsResponse')
  @ReadsYourWrites()
  @Authorized('read')
  async getSlaMetrics(
    @ValidQuery(GetSlaMetricsRequest) { period: label, ...filter }: GetSlaMetricsRequest,
    @MinPosition() minPosition?: string,
  ): Promise<SlaMetricsResponse> {
    const period = parsePeriod(label);
    const groups = await slaMetrics(await this.readModels.open('sla', minPosition), period, filter);
    return { period, groupBy: filter.groupBy ?? null, groups };
  }
}
