import { Controller, Get } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Authorized } from '../../../shared/auth/auth.guard';
import { GetRelayStatusQuery } from './get-relay-status.query';
import { ApiAnswer } from '../../../openapi/api-answer.decorator';
import type { RelayStatusResponse } from '../../../openapi/responses';

@ApiTags('admin')
@Controller('v1/admin/relay')
export class GetRelayStatusHttpController {
  constructor(private readonly queries: QueryBus) {}

  @ApiOperation({
    summary:
      'The Kafka relay: enabled or not, checkpoint, lag behind the log in events and seconds, messages sent to the DLQ.',
  })
  @Get()
  @ApiAnswer('RelayStatusResponse')
  @Authorized('admin')
  getRelayStatus(): Promise<RelayStatusResponse> {
    return this.queries.execute(new GetRelayStatusQuery());
  }
}
