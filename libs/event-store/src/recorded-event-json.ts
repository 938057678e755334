import type { JsonObject, JsonValue, RecordedEvent } from './event-store.port';

/** A recorded event as JSON: what the history endpoint answers and `export events` prints, line by line. */
export interface RecordedEventJson {
  position: string;
  eventId: string;
  streamId: string;
  revision: number;
  type: string;
  recordedAt: string;
  /** The event's payload (its type's schema is in the AsyncAPI document). */
  data: JsonValue;
  /** As recorded: occurredAt, actor, correlationId, causationId, accountId, source. */
  metadata: JsonObject;
  /** Chains the event to the previous one of its stream (docs/architecture.md, "A tamper-evident log"); absent before the chain. */
  hash?: string;
  /** The data as stored, where it differs from `data` (sealed personal data): what `hash` covers. */
  storedData?: JsonValue;
}

export function recordedEventJson(event: RecordedEvent): RecordedEventJson {
  return {
    position: event.position.toString(),
    eventId: event.eventId,
    streamId: event.streamId,
    revision: Number(event.revision),
    type: event.type,
    recordedAt: event.recordedAt.toISOString(),
    data: event.data,
    metadata: event.metadata,
    ...(event.hash !== undefined && { hash: event.hash }),
    ...(event.storedData !== undefined && { storedData: event.storedData }),
  };
}
