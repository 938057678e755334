import { ChainVerifier, describeBreak, type EventStore, type RecordedEvent } from '@app/event-store';
import { accountOf, hashOfLeaf, leafOf } from './leaf';
import { CompactRange } from './merkle';
import type { Checkpoint } from './note';
import { TileReader } from './tiles';

const PAGE = 5000;

export interface LogCheck {
  /** The log as stored now gives the checkpoint's root. */
  matches: boolean;
  size: bigint;
  /** Events of the log read for the check (fewer than `size` when some are gone). */
  read: bigint;
  /** The first leaf where the log differs from the tree the ledger stored, when they differ. */
  firstDifference?: {
    leafIndex: bigint;
    /** The event the log now has at that place (none when the log ends before it). */
    event?: RecordedEvent;
    /** Whether the ledger's own tree still gives the checkpoint's root (then it says what was there). */
    ledgerAuthentic: boolean;
    /** What differs: the event's content against its own hash chain, or its leaf against the ledger's. */
    what: string;
  };
}

/**
 * The log as stored, now, against a checkpoint taken earlier: every event's content against its
 * hash chain, and the first `size` events' leaves computed again (leaf.ts), their root compared
 * with the checkpoint's. When they differ, the
 * leaves are compared one by one with those the ledger stored, to name the first event that
 * differs; the ledger's tree is itself checked against the checkpoint, since whoever rewrote the
 * log may have rewritten it too.
 */
export async function checkLogAgainst(
  store: EventStore,
  reader: TileReader,
  checkpoint: Checkpoint,
  onProgress?: (done: bigint, size: bigint) => void,
): Promise<LogCheck> {
  const { size } = checkpoint;
  const range = new CompactRange();
  const sequences = new Map<string, bigint>();
  const chains = new ChainVerifier();
  let firstDifference: LogCheck['firstDifference'];
  let after = 0n;
  while (range.size < size) {
    const events = await store.readAll({ after, limit: PAGE, asStored: true });
    if (events.length === 0) break;
    for (const event of events.slice(0, Number(size - range.size))) {
      const account = accountOf(event);
      const seq = sequences.get(account) ?? 0n;
      sequences.set(account, seq + 1n);
      const hash = hashOfLeaf(leafOf(event, seq));
      const broken = firstDifference ? undefined : chains.check([event]);
      if (broken)
        firstDifference = { leafIndex: range.size, event, ledgerAuthentic: false, what: describeBreak(broken) };
      if (!firstDifference && !(await storedLeaf(reader, range.size))?.equals(hash))
        firstDifference = {
          leafIndex: range.size,
          event,
          ledgerAuthentic: false,
          what: 'its leaf differs from the one signed',
        };
      range.append(hash);
    }
    after = events[events.length - 1].position;
    onProgress?.(range.size, size);
  }
  const read = range.size;
  const matches = read === size && range.root().equals(checkpoint.root) && !firstDifference;
  if (matches) return { matches, size, read };
  firstDifference ??= { leafIndex: read, ledgerAuthentic: false, what: `the log ends after ${read} events` };
  firstDifference.ledgerAuthentic = await reader
    .range(0n, size)
    .then((root) => root.equals(checkpoint.root))
    .catch(() => false);
  return { matches, size, read, firstDifference };
}

async function storedLeaf(reader: TileReader, index: bigint): Promise<Buffer | undefined> {
  return reader.leafHash(index).catch(() => undefined);
}
