import type { ExpectedRevision } from './event-store.port';

export abstract class EventStoreError extends Error {
  abstract readonly code: string;
}

/** The stream was not where the caller expected it; `actual` is its current revision. */
export class WrongExpectedVersionError extends EventStoreError {
  readonly code = 'wrong_expected_version';
  constructor(
    readonly streamId: string,
    readonly expected: ExpectedRevision,
    readonly actual: bigint | 'no_stream',
  ) {
    super(`Stream ${streamId}: expected revision ${String(expected)}, actual ${String(actual)}`);
  }
}

/** An event id of the append is already recorded at another place in the log. */
export class DuplicateEventIdError extends EventStoreError {
  readonly code = 'duplicate_event_id';
  constructor(
    readonly eventId: string,
    readonly existingStreamId: string,
    readonly existingRevision: bigint,
  ) {
    super(`Event ${eventId} is already recorded as ${existingStreamId}@${existingRevision}`);
  }
}

export type InvalidAppendReason =
  | 'invalid_stream_name'
  | 'empty_append'
  | 'too_many_events'
  | 'invalid_event_id'
  | 'invalid_event_type'
  | 'invalid_event_data'
  | 'invalid_expected_revision'
  | 'event_too_large';

/** The append was rejected before anything was written; `field` names the offending input. */
export class InvalidAppendError extends EventStoreError {
  readonly code = 'invalid_append';
  constructor(
    readonly reason: InvalidAppendReason,
    readonly field: string,
    message: string,
  ) {
    super(`${field}: ${message}`);
  }
}

export class InvalidReadError extends EventStoreError {
  readonly code = 'invalid_read';
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(`${field}: ${message}`);
  }
}

/** The event store cannot be reached (restarting, no leader, network): retrying later is safe. */
export class EventStoreUnavailableError extends EventStoreError {
  readonly code = 'event_store_unavailable';
  constructor(
    message: string,
    override readonly cause?: unknown,
  ) {
    super(message);
  }
}
