import { Inject, Injectable } from '@nestjs/common';
import type { Pool } from 'pg';
import type { AppConfig } from '@app/config';
import { KNOWN_EVENT_TYPES } from '@app/domain';
import { EVENT_STORE, type EventStore } from '@app/event-store';
import { APP_CONFIG, PG_POOL } from '@app/platform';
import type { Projection } from './projection';
import { ALL_PROJECTIONS } from './projections';
import { Rebuilder } from './rebuilder';

/** Operator actions on projections: rebuild requests, carried out by the projector leader (or the CLI). */
@Injectable()
export class ProjectionAdmin {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(PG_POOL) private readonly pool: Pool,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  readonly projections = ALL_PROJECTIONS;

  find(name: string): Projection | undefined {
    return this.projections.find((projection) => projection.name === name);
  }

  get batchSize(): number {
    return this.config.PROJECTION_REBUILD_BATCH_SIZE;
  }

  rebuilder(projection: Projection): Rebuilder {
    return new Rebuilder(projection, this.store, this.pool, KNOWN_EVENT_TYPES, this.batchSize);
  }
}
