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
  };
}
