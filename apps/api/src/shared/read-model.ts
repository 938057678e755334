import { Inject, Injectable } from '@nestjs/common';
import type { Pool } from 'pg';
import type { AppConfig } from '@app/config';
import { APP_CONFIG, PG_POOL } from '@app/platform';
import { ProjectionStatusService } from '@app/projections';
import { ApiError } from './api-error';

/** Access to a read model for queries: read-your-writes (X-Min-Position), then the live schema. */
@Injectable()
export class ReadModels {
  constructor(
    private readonly status: ProjectionStatusService,
    @Inject(PG_POOL) readonly pool: Pool,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** The live schema of `projection`, once it has applied `minPosition` (bounded wait, then 503). */
  async schema(projection: string, minPosition?: string): Promise<string> {
    if (minPosition !== undefined) {
      if (!/^\d{1,19}$/.test(minPosition)) throw ApiError.validation([{ field: 'X-Min-Position', message: 'must be a log position returned by a command' }]);
      if (!(await this.status.reached(projection, BigInt(minPosition), this.config.READ_YOUR_WRITES_TIMEOUT_MS))) {
        throw new ApiError(503, 'read_model_behind', `the ${projection} read model has not reached position ${minPosition} yet; retry shortly`, { projection, minPosition });
      }
    }
    return this.status.schemaOf(projection);
  }
}

/** Opaque keyset cursors: base64url of the last row's sort key. */
export const cursors = {
  encode: (key: unknown[]): string => Buffer.from(JSON.stringify(key)).toString('base64url'),
  decode: (cursor: string | undefined, length: number): unknown[] | undefined => {
    if (cursor === undefined) return undefined;
    try {
      const key = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
      if (Array.isArray(key) && key.length === length) return key;
    } catch {
      // Falls through to the validation error.
    }
    throw ApiError.validation([{ field: 'cursor', message: 'is not a cursor this API returned' }]);
  },
};
