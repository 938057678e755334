import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import type { Pool } from 'pg';
import type { AppConfig } from '@app/config';
import { EVENT_STORE, type EventStore } from '@app/event-store';
import { RELAY_NAME, relayStatus, type RelayStatus } from '@app/messaging';
import { APP_CONFIG, PG_POOL } from '@app/platform';
import { GetRelayStatusQuery } from './get-relay-status.query';

@QueryHandler(GetRelayStatusQuery)
export class GetRelayStatusHandler implements IQueryHandler<GetRelayStatusQuery, RelayStatus> {
  constructor(
    @Inject(PG_POOL) private readonly pool: Pool,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  execute(): Promise<RelayStatus> {
    return relayStatus(this.pool, this.store, RELAY_NAME, Boolean(this.config.KAFKA_BROKERS));
  }
}
