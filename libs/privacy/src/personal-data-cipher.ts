import { createCipheriv, createDecipheriv, randomFillSync } from 'node:crypto';
import { personalValuesOf, withErased, type PersonalData } from '@app/domain';
import type { EventToAppend, JsonObject, JsonValue, RecordedEvent } from '@app/event-store';
import { KeyStoreUnavailableError, type DataKey, type KeyStore } from './key-store.port';

/** Where a sealed event keeps its personal data: the key's id, the fields, and IV + ciphertext + tag (base64). */
export const SEALED = '$pii';

interface Sealed {
  key: string;
  fields: string[];
  box: string;
}

const IV_BYTES = 12;
const TAG_BYTES = 16;
const MAX_CACHED = 100_000;

interface Cached<T> {
  value: T;
  until: number;
}

/**
 * Seals the personal data of events before they are appended and opens it when they are read
 * (docs/architecture.md, "Personal data"): AES-256-GCM under the subject's data key, with the event id as
 * associated data so a sealed box cannot be moved to another event. A field whose key was erased
 * reads as ERASED. Keys are cached for `cacheTtlMs`: an erasure made by another process reaches this
 * one's reads within that time (this process's own erasures at once).
 */
export class PersonalDataCipher {
  private readonly keysBySubject = new Map<string, Cached<DataKey>>();
  private readonly keysById = new Map<string, Cached<Buffer | null>>();
  private readonly erasedSubjects = new Map<string, Cached<boolean>>();

  constructor(
    private readonly keys: KeyStore,
    private readonly cacheTtlMs: number,
  ) {}

  async seal(events: readonly EventToAppend[]): Promise<EventToAppend[]> {
    const found = events.map((event) => personalValuesOf(event));
    const subjects = [...new Set(found.flatMap((personal) => (personal ? [personal.subject] : [])))];
    if (subjects.length === 0) return [...events];
    const keys = await this.keysFor(subjects);
    return events.map((event, index) => {
      const personal = found[index];
      return personal ? sealEvent(event, personal, keys.get(personal.subject)!) : event;
    });
  }

  /** The events with their personal data opened (`only`: of these types; the others stay as stored). */
  async open(events: RecordedEvent[], only?: ReadonlySet<string>): Promise<RecordedEvent[]> {
    if (only?.size === 0) return events;
    const sealed = events.map((event) => (only && !only.has(event.type) ? undefined : sealedOf(event.data)));
    const keyIds = new Set<string>();
    const legacy = new Set<string>();
    for (const [index, event] of events.entries()) {
      const box = sealed[index];
      if (box) keyIds.add(box.key);
      else if (event.data !== null && (!only || only.has(event.type))) {
        const personal = personalValuesOf(event);
        if (personal) legacy.add(personal.subject);
      }
    }
    if (keyIds.size === 0 && legacy.size === 0) return events;
    const [keys, erased] = await Promise.all([this.keysByIds([...keyIds]), this.erasedAmong([...legacy])]);
    return events.map((event, index) => {
      const box = sealed[index];
      if (box) return { ...event, data: openEvent(event, box, keys.get(box.key)!), storedData: event.data };
      const personal = legacy.size > 0 && personalValuesOf(event);
      if (personal && erased.has(personal.subject))
        return { ...event, data: withErased(event.data as JsonObject, personal.fields), storedData: event.data };
      return event;
    });
  }

  /** Deletes the subject's keys (with `prefix`, those of every subject under it) and forgets them here. */
  async erase(subject: string, prefix?: string): Promise<number> {
    const erased = await this.keys.erase(subject, prefix);
    this.keysBySubject.clear();
    this.keysById.clear();
    this.erasedSubjects.clear();
    return erased;
  }

  private async keysFor(subjects: string[]): Promise<Map<string, DataKey>> {
    return this.cached(this.keysBySubject, subjects, (missing) => this.keys.keysFor(missing));
  }

  private async keysByIds(keyIds: string[]): Promise<Map<string, Buffer | null>> {
    const keys = await this.cached(this.keysById, keyIds, (missing) => this.keys.keysById(missing));
    const unknown = keyIds.find((keyId) => !keys.has(keyId));
    if (unknown)
      throw new KeyStoreUnavailableError(
        `data key ${unknown} is not in the key store, erased or not: is it the key store these events were written with?`,
      );
    return keys;
  }

  private async erasedAmong(subjects: string[]): Promise<Set<string>> {
    const erased = await this.cached(this.erasedSubjects, subjects, async (missing) => {
      const found = await this.keys.erasedAmong(missing);
      return new Map(missing.map((subject) => [subject, found.has(subject)]));
    });
    return new Set([...erased].filter(([, isErased]) => isErased).map(([subject]) => subject));
  }

  /** Values from the cache while fresh (an erased key forever: it never comes back), the rest from `load`. */
  private async cached<T>(
    cache: Map<string, Cached<T>>,
    ids: readonly string[],
    load: (missing: string[]) => Promise<Map<string, T>>,
  ): Promise<Map<string, T>> {
    const now = Date.now();
    const values = new Map<string, T>();
    const missing: string[] = [];
    for (const id of ids) {
      const entry = cache.get(id);
      if (entry && entry.until > now) values.set(id, entry.value);
      else missing.push(id);
    }
    if (missing.length === 0) return values;
    if (cache.size + missing.length > MAX_CACHED) cache.clear();
    for (const [id, value] of await load(missing)) {
      cache.set(id, { value, until: value === null ? Infinity : now + this.cacheTtlMs });
      values.set(id, value);
    }
    return values;
  }
}

function sealedOf(data: JsonValue): Sealed | undefined {
  return data !== null && typeof data === 'object' && !Array.isArray(data)
    ? (data[SEALED] as unknown as Sealed | undefined)
    : undefined;
}

/**
 * Fresh random IVs drawn from one buffer filled at a time: one call into the random source per 1,024
 * IVs instead of one per sealed event (it was 2 % of a command's CPU). Each IV is handed out once, so
 * no key ever sees an IV twice, and GCM's 96-bit IVs stay random as NIST SP 800-38D §8.2.2 requires.
 */
class RandomIvs {
  private readonly pool = Buffer.alloc(IV_BYTES * 1024);
  private offset = this.pool.length;

  /** A view of the pool: use it at once (as sealing does), before the pool is filled again. */
  next(): Buffer {
    if (this.offset === this.pool.length) {
      randomFillSync(this.pool);
      this.offset = 0;
    }
    this.offset += IV_BYTES;
    return this.pool.subarray(this.offset - IV_BYTES, this.offset);
  }
}

const ivs = new RandomIvs();

function sealEvent(event: EventToAppend, personal: PersonalData, { keyId, key }: DataKey): EventToAppend {
  const data = { ...(event.data as JsonObject) };
  const secret: JsonObject = {};
  for (const field of personal.fields) {
    secret[field] = data[field];
    delete data[field];
  }
  const iv = ivs.next();
  const cipher = createCipheriv('aes-256-gcm', key, iv).setAAD(Buffer.from(event.eventId.toLowerCase()));
  const box = Buffer.concat([iv, cipher.update(JSON.stringify(secret)), cipher.final(), cipher.getAuthTag()]);
  const sealed: Sealed = { key: keyId, fields: [...personal.fields], box: box.toString('base64') };
  return { ...event, data: { ...data, [SEALED]: sealed as unknown as JsonObject } };
}

function openEvent(event: RecordedEvent, sealed: Sealed, key: Buffer | null): JsonObject {
  const { [SEALED]: _sealed, ...data } = event.data as JsonObject;
  if (key === null) return withErased(data, sealed.fields);
  const box = Buffer.from(sealed.box, 'base64');
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, box.subarray(0, IV_BYTES))
      .setAAD(Buffer.from(event.eventId))
      .setAuthTag(box.subarray(box.length - TAG_BYTES));
    const plain = Buffer.concat([decipher.update(box.subarray(IV_BYTES, box.length - TAG_BYTES)), decipher.final()]);
    return { ...data, ...(JSON.parse(plain.toString('utf8')) as JsonObject) };
  } catch (error) {
    throw new Error(
      `event ${event.eventId} (${event.streamId}@${event.revision}): its personal data does not open with its key; the stored event was altered (run support-ops verify)`,
      { cause: error },
    );
  }
}
