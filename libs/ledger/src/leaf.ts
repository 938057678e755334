import { contentDigest, type RecordedEvent } from '@app/event-store';
import { leafHash } from './merkle';

/**
 * What a leaf of the ledger binds of one event, and its bytes. Everything a reader relies on and
 * the hash chain does not cover is in it: where the event sits (stream, revision, position), when
 * the log recorded it, and its place among its account's events; the chain hash covers its content
 * and, through the chain, every earlier event of its stream.
 *
 *   u8  version (1)
 *   u8  1 when `chain` is the event's chain hash, 0 when it is the content digest of an event
 *       recorded before the chain
 *   32  chain
 *   u16 length, then UTF-8: stream id
 *   u64 revision
 *   u64 position
 *   i64 recorded time, milliseconds since 1970-01-01T00:00:00Z
 *   u16 length, then UTF-8: account id (metadata.accountId; empty for events of no account)
 *   u64 account sequence: how many events of that account precede this one in the log
 *
 * Integers are big-endian. The leaf hash is RFC 9162's: SHA-256(0x00 || these bytes).
 */
export interface Leaf {
  chained: boolean;
  chain: Buffer;
  streamId: string;
  revision: bigint;
  position: bigint;
  recordedAt: Date;
  accountId: string;
  accountSeq: bigint;
}

/** The account an event belongs to, as its metadata records it ('' for none). */
export const accountOf = (event: RecordedEvent): string =>
  typeof event.metadata.accountId === 'string' ? event.metadata.accountId : '';

/** The leaf of an event as stored, given its place among its account's events. */
export function leafOf(event: RecordedEvent, accountSeq: bigint): Leaf {
  const chained = event.hash !== undefined;
  return {
    chained,
    chain: chained
      ? Buffer.from(event.hash!, 'hex')
      : contentDigest({ ...event, data: event.storedData ?? event.data }),
    streamId: event.streamId,
    revision: event.revision,
    position: event.position,
    recordedAt: event.recordedAt,
    accountId: accountOf(event),
    accountSeq,
  };
}

export function leafBytes(leaf: Leaf): Buffer {
  const stream = Buffer.from(leaf.streamId, 'utf8');
  const account = Buffer.from(leaf.accountId, 'utf8');
  const bytes = Buffer.alloc(2 + 32 + 2 + stream.length + 24 + 2 + account.length + 8);
  let at = bytes.writeUInt8(1, 0);
  at = bytes.writeUInt8(leaf.chained ? 1 : 0, at);
  at += leaf.chain.copy(bytes, at);
  at = bytes.writeUInt16BE(stream.length, at);
  at += stream.copy(bytes, at);
  at = bytes.writeBigUInt64BE(leaf.revision, at);
  at = bytes.writeBigUInt64BE(leaf.position, at);
  at = bytes.writeBigInt64BE(BigInt(leaf.recordedAt.getTime()), at);
  at = bytes.writeUInt16BE(account.length, at);
  at += account.copy(bytes, at);
  bytes.writeBigUInt64BE(leaf.accountSeq, at);
  return bytes;
}

export const hashOfLeaf = (leaf: Leaf): Buffer => leafHash(leafBytes(leaf));
