import { createHash } from 'node:crypto';
import { canonicalJson } from './canonical-json';
import type { ChainBreak, ChainReport, EventStore, JsonValue, RecordedEvent } from './event-store.port';

/**
 * The tamper-evident log (docs/architecture.md, "A tamper-evident log"). Every event's hash chains it to the
 * previous event of its stream:
 *
 *   digest = SHA-256( canonical JSON of [eventId, type, data, metadata] )   (canonical-json.ts)
 *   hash   = SHA-256( previous event's hash (32 bytes, none for a stream's first) || digest )
 *
 * over the data as stored (personal data as ciphertext), so deleting a subject's key leaves every
 * hash valid while any edit of a stored event breaks its own hash or the next one's. The canonical
 * form is how PostgreSQL prints jsonb, so the PostgreSQL store computes and checks hashes in SQL.
 * Not covered: the recorded time and the position, which the store assigns.
 */
export function contentDigest(event: { eventId: string; type: string; data: JsonValue; metadata: JsonValue }): Buffer {
  const canonical = canonicalJson([event.eventId, event.type, event.data, event.metadata]);
  return createHash('sha256').update(canonical).digest();
}

export function chainHash(previous: Buffer | undefined, digest: Buffer): Buffer {
  const hash = createHash('sha256');
  if (previous) hash.update(previous);
  return hash.update(digest).digest();
}

/** Hashes of a batch appended after `previous` (the stream's last hash, if it has one). */
export function chainHashes(previous: Buffer | undefined, digests: Buffer[]): Buffer[] {
  const hashes: Buffer[] = [];
  for (const digest of digests) hashes.push((previous = chainHash(previous, digest)));
  return hashes;
}

/** One line for a person: which event, and what is wrong with it. */
export function describeBreak(broken: ChainBreak): string {
  const { event } = broken;
  const where = `event ${event.eventId} (${event.type}, stream ${event.streamId} revision ${event.revision}, position ${event.position})`;
  if (broken.kind === 'hash_mismatch')
    return `${where}: its content or its predecessor was changed (stored hash ${event.hash}, computed ${broken.expected})`;
  if (broken.kind === 'revision_gap') return `${where}: revision ${broken.expectedRevision} of its stream is missing`;
  return `${where}: it carries no hash although an earlier event of its stream does (a hash was removed)`;
}

/**
 * Checks events of many streams, each stream's in revision order (the log's order will do). Events
 * recorded before the chain existed carry no hash; they may only come before a stream's first
 * sealed event, whose chain starts afresh.
 */
export class ChainVerifier {
  private readonly last = new Map<string, { revision: bigint; hash: Buffer | undefined }>();
  sealed = 0;
  unsealed = 0;

  /** The first break among these events, if any. */
  check(events: readonly RecordedEvent[]): ChainBreak | undefined {
    for (const event of events) {
      const previous = this.last.get(event.streamId);
      const expectedRevision = previous ? previous.revision + 1n : 0n;
      if (event.revision !== expectedRevision) return { kind: 'revision_gap', event, expectedRevision };
      if (event.hash === undefined) {
        if (previous?.hash) return { kind: 'unsealed_after_sealed', event };
        this.unsealed += 1;
        this.last.set(event.streamId, { revision: event.revision, hash: undefined });
        continue;
      }
      const expected = chainHash(previous?.hash, contentDigest(event));
      if (expected.toString('hex') !== event.hash)
        return { kind: 'hash_mismatch', event, expected: expected.toString('hex') };
      this.sealed += 1;
      this.last.set(event.streamId, { revision: event.revision, hash: expected });
    }
    return undefined;
  }
}

const VERIFY_BATCH = 5000;

/**
 * The whole log, as stored, checked in log order; `onProgress` as it goes. A store that checks its
 * chain itself (`verifyChain`) does so in slices of positions, two at a time; otherwise the log is
 * read and hashed here, the next batch read while this one is hashed.
 */
export async function verifyLog(
  store: EventStore,
  onProgress?: (position: bigint, head: bigint) => void,
): Promise<ChainReport> {
  const head = await store.headPosition();
  return store.verifyChain ? verifyInStore(store, head, onProgress) : verifyByReading(store, head, onProgress);
}

const SLICES = 100;
const SLICES_AT_ONCE = 2;

async function verifyInStore(
  store: EventStore,
  head: bigint,
  onProgress?: (position: bigint, head: bigint) => void,
): Promise<ChainReport> {
  const bounds = Array.from({ length: SLICES + 1 }, (_, i) => (head * BigInt(i)) / BigInt(SLICES));
  const reports: ChainReport[] = [];
  let next = 0;
  const work = async () => {
    for (let slice = next++; slice < SLICES; slice = next++) {
      reports[slice] = await store.verifyChain!(bounds[slice], bounds[slice + 1]);
      onProgress?.(bounds[slice + 1], head);
    }
  };
  await Promise.all(Array.from({ length: SLICES_AT_ONCE }, work));
  // Slices check each event against its stored predecessor: the first break in log order is the first slice's.
  const broken = reports.find((report) => report.broken)?.broken;
  const sum = (key: 'sealed' | 'unsealed') => reports.reduce((total, report) => total + report[key], 0);
  return { sealed: sum('sealed'), unsealed: sum('unsealed'), ...(broken && { broken }) };
}

async function verifyByReading(
  store: EventStore,
  head: bigint,
  onProgress?: (position: bigint, head: bigint) => void,
): Promise<ChainReport> {
  const verifier = new ChainVerifier();
  const read = (after: bigint) => store.readAll({ after, limit: VERIFY_BATCH, asStored: true });
  for (let next = read(0n); ;) {
    const events = (await next).filter((event) => event.position <= head);
    if (events.length === 0) break;
    const last = events[events.length - 1].position;
    if (last < head) next = read(last);
    const broken = verifier.check(events);
    if (broken) {
      next.catch(() => undefined);
      return { sealed: verifier.sealed, unsealed: verifier.unsealed, broken };
    }
    onProgress?.(last, head);
    if (last >= head) break;
  }
  return { sealed: verifier.sealed, unsealed: verifier.unsealed };
}

/** These streams, whole and as stored (a store without upcasters reads them so). */
export async function verifyStreams(
  store: EventStore,
  streamIds: readonly string[],
  onProgress?: (done: number) => void,
): Promise<ChainReport> {
  const verifier = new ChainVerifier();
  for (const [index, streamId] of streamIds.entries()) {
    const broken = verifier.check(await store.readStream(streamId));
    if (broken) return { sealed: verifier.sealed, unsealed: verifier.unsealed, broken };
    onProgress?.(index + 1);
  }
  return { sealed: verifier.sealed, unsealed: verifier.unsealed };
}
