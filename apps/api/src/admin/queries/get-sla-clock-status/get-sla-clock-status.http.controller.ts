import { Controller, Get } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiAnswer } from '../../../openapi/api-answer.decorator';
import type { SlaClockStatusResponse } from '../../../openapi/responses';
import { Authorized } from '../../../shared/auth/auth.guard';
import { GetSlaClockStatusQuery } from './get-sla-clock-status.query';

@ApiTags('admin')
@Controller('v1/admin/sla-clock')
export class GetSlaClockStatusHttpController {
  constructor(private readonly queries: QueryBus) {}

  @ApiOperation({
    summary: "The SLA clock's lag: at-risk and due instants that have come and are not recorded yet, and the earliest.",
  })
  @Get()
  @ApiAnswer('SlaClockStatusResponse')
  @Authorized('admin')
  getSlaClockStatus(): Promise<SlaClockStatusResponse> {
    return this.queries.execute(new GetSlaClockStatusQuery());
  }
}
