import { Inject, Injectable } from '@nestjs/common';
import type { Pool } from 'pg';
import type { AppConfig } from '@app/config';
import { APP_CONFIG, PG_POOL } from '@app/platform';
import { ProjectionStatusService } from '@app/projections';
import { ApiError } from './api-error';

const INT64_MAX = 2n ** 63n - 1n;

/** A log position as the API writes it: decimal digits of a 64-bit integer. */
export const isLogPosition = (value: unknown): value is string =>
  typeof value === 'string' && /^\d{1,19}$/.test(value) && BigInt(value) <= INT64_MAX;

/** An instant as the API writes it (ISO 8601 in UTC, to the millisecond), and a real one. */
export const isInstant = (value: unknown): value is string =>
  typeof value === 'string' &&
  /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/.test(value) &&
  new Date(value).toISOString() === value;

/** The X-Min-Position header as a position; a 400 naming it when it is not one. */
export function minPositionOf(header: string): bigint {
  if (!isLogPosition(header))
    throw ApiError.validation([{ field: 'X-Min-Position', message: 'must be a log position returned by a command' }]);
  return BigInt(header);
}

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
      if (
        !(await this.status.reached(projection, minPositionOf(minPosition), this.config.READ_YOUR_WRITES_TIMEOUT_MS))
      ) {
        throw new ApiError(
          503,
          'read_model_behind',
          `the ${projection} read model has not reached position ${minPosition} yet; retry shortly`,
          { projection, minPosition },
        );
      }
    }
    return this.status.schemaOf(projection);
  }
}

/**
 * Opaque keyset cursors: base64url of the last row's sort key. A cursor is decoded against the shape
 * of its key, one check per part, so a forged or stale one is a 400 and never reaches SQL.
 */
export const cursors = {
  encode: (key: unknown[]): string => Buffer.from(JSON.stringify(key)).toString('base64url'),
  decode: (cursor: string | undefined, parts: Array<(part: unknown) => boolean>): unknown[] | undefined => {
    if (cursor === undefined) return undefined;
    try {
      const key: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
      if (Array.isArray(key) && key.length === parts.length && parts.every((fits, i) => fits(key[i]))) return key;
    } catch {
      // Falls through to the validation error.
    }
    throw ApiError.validation([{ field: 'cursor', message: 'is not a cursor this API returned' }]);
  },
};
