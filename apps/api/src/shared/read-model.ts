import { Inject, Injectable } from '@nestjs/common';
import type { Pool } from 'pg';
import type { AppConfig } from '@app/config';
import { EVENT_STORE, type EventStore } from '@app/event-store';
import { APP_CONFIG, PG_POOL } from '@app/platform';
import { ProjectionStatusService, type ReadModel } from '@app/projections';
import { POSITION_PATTERN } from '@app/validation';
import { ApiError } from './api-error';

const POSITION = new RegExp(POSITION_PATTERN);

/** A log position as the API writes it: decimal digits (a 64-bit integer). */
export const isLogPosition = (value: unknown): value is string => typeof value === 'string' && POSITION.test(value);

/** An instant as the API writes it (ISO 8601 in UTC, to the millisecond), and a real one. */
export const isInstant = (value: unknown): value is string =>
  typeof value === 'string' &&
  /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/.test(value) &&
  new Date(value).toISOString() === value;

/** Waits, up to `timeoutMs`, until a reader has reached `position`; false when it has not by then. */
export type Reached = (position: bigint, timeoutMs: number) => Promise<boolean>;

/**
 * Read-your-writes: the X-Min-Position header of a query, waited for. A header that is not a
 * position, or names one beyond the end of the log (no command answered it), is a 400 naming it;
 * a reader still behind it after READ_YOUR_WRITES_TIMEOUT_MS is the 503 `behind` says.
 */
@Injectable()
export class ReadYourWrites {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async wait(header: string | undefined, reached: Reached, behind: (position: string) => ApiError): Promise<void> {
    if (header === undefined) return;
    if (!isLogPosition(header))
      throw ApiError.validation([{ field: 'X-Min-Position', message: 'must be a log position returned by a command' }]);
    const position = BigInt(header);
    if (await reached(position, 0)) return;
    const last = await this.store.lastPosition();
    if (position > last)
      throw ApiError.validation([
        {
          field: 'X-Min-Position',
          message: `is beyond the end of the log (${last}): pass the position a command answered`,
        },
      ]);
    if (!(await reached(position, this.config.READ_YOUR_WRITES_TIMEOUT_MS))) throw behind(header);
  }
}

/** Access to a read model for queries: read-your-writes (X-Min-Position), then the live schema. */
@Injectable()
export class ReadModels {
  constructor(
    private readonly status: ProjectionStatusService,
    private readonly readYourWrites: ReadYourWrites,
    @Inject(PG_POOL) readonly pool: Pool,
  ) {}

  /** The live schema of `projection`, once it has applied `minPosition` (bounded wait, then 503). */
  async schema(projection: string, minPosition?: string): Promise<string> {
    await this.readYourWrites.wait(
      minPosition,
      (position, timeoutMs) => this.status.reached(projection, position, timeoutMs),
      (position) =>
        new ApiError(
          503,
          'read_model_behind',
          `the ${projection} read model has not reached position ${position} yet; retry shortly`,
          { projection, minPosition: position },
        ),
    );
    return this.status.schemaOf(projection);
  }

  /** The read model to query, once it has applied `minPosition`. */
  async open(projection: string, minPosition?: string): Promise<ReadModel> {
    return { pool: this.pool, schema: await this.schema(projection, minPosition) };
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
