import { Controller, Get } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import type { RelayStatus } from '@app/messaging';
import { Authorized } from '../../../shared/auth/auth.guard';
import { GetRelayStatusQuery } from './get-relay-status.query';

@ApiTags('admin')
@Controller('v1/admin/relay')
export class GetRelayStatusHttpController {
  constructor(private readonly queries: QueryBus) {}

  /** The Kafka relay: enabled or not, checkpoint, lag behind the log in events and seconds, messages sent to the DLQ. */
  @Get()
  @Authorized('admin')
  getRelayStatus(): Promise<RelayStatus> {
    return this.queries.execute(new GetRelayStatusQuery());
  }
}
