import { Inject, Injectable } from '@nestjs/common';
import type { Pool } from 'pg';
import { EVENT_STORE, type EventStore } from '@app/event-store';
import { PG_POOL } from '@app/platform';
import { readStatus, type StatusRow } from './projection-store';

/** Lag is counted up to this many events by default; beyond it the answer is "at least". */
const LAG_COUNT_LIMIT = 10_000;

export interface ProjectionStatus {
  name: string;
  state: 'running' | 'rebuilding' | 'failed';
  position: string;
  lag: { events: number; eventsAtLeast: boolean; seconds: number };
  error: { message: string; position: string | null } | null;
  unknownEvents: number;
  lastRecordedAt: string | null;
  rebuild: { position: string; target: string; startedAt: string } | null;
}

/** Status of every projection with its lag behind the log (GET /v1/admin/projections, /ready). */
@Injectable()
export class ProjectionStatusService {
  constructor(
    @Inject(PG_POOL) private readonly pool: Pool,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  /** `lagLimit` bounds the events read to count the lag (readiness probes want it small). */
  async list(name?: string, lagLimit = LAG_COUNT_LIMIT): Promise<ProjectionStatus[]> {
    const rows = await readStatus(this.pool, name).catch(() => [] as StatusRow[]);
    return Promise.all(rows.map((row) => this.describe(row, lagLimit)));
  }

  private async describe(row: StatusRow, lagLimit: number): Promise<ProjectionStatus> {
    const behind = await this.store.readAll({ after: BigInt(row.position), limit: lagLimit });
    const seconds = behind.length > 0 ? Math.max(0, (Date.now() - behind[0].recordedAt.getTime()) / 1000) : 0;
    return {
      name: row.name,
      state: row.state === 'failed' ? 'failed' : row.rebuild_schema ? 'rebuilding' : 'running',
      position: row.position,
      lag: {
        events: behind.length,
        eventsAtLeast: behind.length === lagLimit,
        seconds: Math.round(seconds * 1000) / 1000,
      },
      error: row.state === 'failed' ? { message: row.error ?? '', position: row.failed_position } : null,
      unknownEvents: Number(row.unknown_events),
      lastRecordedAt: row.last_recorded_at?.toISOString() ?? null,
      rebuild: row.rebuild_schema
        ? {
            position: row.rebuild_position ?? '0',
            target: row.rebuild_target ?? '0',
            startedAt: row.rebuild_started_at?.toISOString() ?? '',
          }
        : null,
    };
  }

  /** Waits until the projection has applied `position` (read-your-writes); false on timeout. */
  async reached(name: string, position: bigint, timeoutMs: number): Promise<boolean> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const { rows } = await this.pool.query<{ position: string }>(
        'SELECT position FROM projections.status WHERE name = $1',
        [name],
      );
      if (rows.length > 0 && BigInt(rows[0].position) >= position) return true;
      if (Date.now() >= deadline) return false;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }

  /** The live schema of a projection's read model. */
  async schemaOf(name: string): Promise<string> {
    const { rows } = await this.pool.query<{ active_schema: string }>(
      'SELECT active_schema FROM projections.status WHERE name = $1',
      [name],
    );
    if (rows.length === 0) throw new Error(`read model ${name} is not set up yet`);
    return rows[0].active_schema;
  }
}
