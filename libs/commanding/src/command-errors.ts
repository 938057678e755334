/** If-Match named another revision than the stream's current one (HTTP 412). */
export class PreconditionFailedError extends Error {
  readonly code = 'precondition_failed';
  constructor(
    readonly streamId: string,
    readonly expected: bigint,
    readonly actual: bigint,
  ) {
    super(`${streamId} is at revision ${actual}, not ${expected}`);
  }
}

/** Concurrent writers kept winning after every retry (HTTP 409); nothing was appended. */
export class WriteConflictError extends Error {
  readonly code = 'write_conflict';
  constructor(
    readonly streamId: string,
    readonly attempts: number,
  ) {
    super(`${streamId} changed concurrently ${attempts} times in a row; retry the command`);
  }
}

/** A dependency of the command side is not ready in time (HTTP 503): retrying later is safe. */
export class NotReadyError extends Error {
  readonly code = 'not_ready';
}
