import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';
import type { EventStore, JsonValue, RecordedEvent } from './event-store.port';

/**
 * The tamper-evident log (README, "A tamper-evident log"). Every event's hash chains it to the
 * previous event of its stream:
 *
 *   digest = SHA-256( JCS([eventId, type, data, metadata]) )     JCS: RFC 8785 canonical JSON
 *   hash   = SHA-256( previous event's hash (32 bytes, none for a stream's first) || digest )
 *
 * over the data as stored (personal data as ciphertext), so deleting a subject's key leaves every
 * hash valid while any edit of a stored event breaks its own hash or the next one's. Canonical JSON
 * makes the hash independent of how a store lays out JSON (PostgreSQL's jsonb reorders keys).
 * Not covered: the recorded time and the position, which the store assigns.
 */
export function contentDigest(event: { eventId: string; type: string; data: JsonValue; metadata: JsonValue }): Buffer {
  const canonical = canonicalize([event.eventId, event.type, event.data, event.metadata]) as string;
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

export type ChainBreak =
  | { kind: 'hash_mismatch'; event: RecordedEvent; expected: string }
  | { kind: 'unsealed_after_sealed'; event: RecordedEvent }
  | { kind: 'revision_gap'; event: RecordedEvent; expectedRevision: bigint };

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

export interface VerifyReport {
  /** Events checked: sealed ones (with a hash) and those recorded before the chain. */
  sealed: number;
  unsealed: number;
  /** The first broken event, if any: the rest of the log is not checked past it. */
  broken?: ChainBreak;
}

const VERIFY_BATCH = 5000;

/**
 * The whole log, as stored, checked in log order; `onProgress` after each batch. The next batch is
 * read while this one is hashed: the database works while this process does.
 */
export async function verifyLog(
  store: EventStore,
  onProgress?: (position: bigint, head: bigint) => void,
): Promise<VerifyReport> {
  const verifier = new ChainVerifier();
  const head = await store.headPosition();
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
): Promise<VerifyReport> {
  const verifier = new ChainVerifier();
  for (const [index, streamId] of streamIds.entries()) {
    const broken = verifier.check(await store.readStream(streamId));
    if (broken) return { sealed: verifier.sealed, unsealed: verifier.unsealed, broken };
    onProgress?.(index + 1);
  }
  return { sealed: verifier.sealed, unsealed: verifier.unsealed };
}
