import type { RecordedEvent } from './event-store.port';

/**
 * Up to where the log is read ("as of"): a log position, the time the log recorded an event, or both
 * (the earlier wins). Audits and time travel take it from one `asOf` value.
 */
export interface RecordedBound {
  position?: bigint;
  recordedBy?: Date;
}

/** `asOf` as a bound: decimal digits are a log position, anything else an ISO 8601 instant; undefined if neither. */
export function asOfBound(asOf: string): RecordedBound | undefined {
  if (/^\d+$/.test(asOf)) return { position: BigInt(asOf) };
  const instant = Date.parse(asOf);
  return Number.isNaN(instant) ? undefined : { recordedBy: new Date(instant) };
}

export function recordedWithin(event: RecordedEvent, bound: RecordedBound): boolean {
  return (
    (bound.position === undefined || event.position <= bound.position) &&
    (bound.recordedBy === undefined || event.recordedAt <= bound.recordedBy)
  );
}
