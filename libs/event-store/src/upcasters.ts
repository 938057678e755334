import type { JsonObject, JsonValue, RecordedEvent } from './event-store.port';

/** Turns the payload of `type` at `fromVersion` into the payload of version `fromVersion + 1`. */
export interface Upcaster {
  type: string;
  fromVersion: number;
  upcast(data: JsonValue, metadata: JsonObject): JsonValue;
}

/**
 * Applies upcasters on read so projections and deciders see one shape per event type.
 * Events without `metadata.schemaVersion` are version 1.
 */
export class UpcasterChain {
  private readonly byKey = new Map<string, Upcaster>();
  private readonly changed = new Set<string>();

  constructor(upcasters: readonly Upcaster[] = []) {
    for (const upcaster of upcasters) {
      const key = `${upcaster.type}@${upcaster.fromVersion}`;
      if (this.byKey.has(key)) throw new Error(`Two upcasters for ${key}`);
      this.byKey.set(key, upcaster);
      this.changed.add(upcaster.type);
    }
  }

  /** Whether some event of this type may be changed on read. */
  changes(type: string): boolean {
    return this.changed.has(type);
  }

  /** The types some of whose events are changed on read. */
  types(): string[] {
    return [...this.changed];
  }

  apply(event: RecordedEvent): RecordedEvent {
    if (this.byKey.size === 0) return event;
    let version = typeof event.metadata.schemaVersion === 'number' ? event.metadata.schemaVersion : 1;
    let { data } = event;
    let upcaster = this.byKey.get(`${event.type}@${version}`);
    if (!upcaster) return event;
    while (upcaster) {
      data = upcaster.upcast(data, event.metadata);
      version += 1;
      upcaster = this.byKey.get(`${event.type}@${version}`);
    }
    return { ...event, data, metadata: { ...event.metadata, schemaVersion: version } };
  }
}
