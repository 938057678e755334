import type { Pool } from 'pg';
import type { EventStore, JsonValue, RecordedBound, RecordedEvent } from '@app/event-store';
import { AccountHistory } from '@app/projections';
import { hashOfLeaf, leafOf } from './leaf';
import {
  latestCheckpoint,
  ledgerStatus,
  readLedgerState,
  type LedgerStatus,
  type StoredCheckpoint,
} from './ledger-store';
import { consistencyProof, inclusionProof } from './merkle';
import { TileReader } from './tiles';

/** One event as a proof carries it: as stored (sealed personal data sealed), with its leaf and path. */
export interface ProvenEvent {
  leafIndex: string;
  accountSeq: string;
  eventId: string;
  type: string;
  streamId: string;
  revision: string;
  position: string;
  recordedAt: string;
  data: JsonValue;
  metadata: JsonValue;
  /** The chain hash, hex; null for an event recorded before the chain. */
  hash: string | null;
  leafHash: string;
  /** The inclusion proof (RFC 9162 audit path), base64, leaf side first. */
  inclusion: string[];
}

/**
 * A self-contained proof of one account's history: its events as stored, each with its inclusion
 * proof under one signed checkpoint, and the key that signed it. `next`, when the history is cut
 * at `asOf`, is the account's first later event in the tree: its recorded time shows the cut.
 */
export interface AccountBundle {
  format: 'support-ops.account-proof.v1';
  accountId: string;
  asOf: string | null;
  checkpoint: string;
  verifierKey: string;
  treeSize: string;
  events: ProvenEvent[];
  next: ProvenEvent | null;
  /** From the tree of `consistency.from` leaves (an auditor's earlier checkpoint) to this one. */
  consistency: { from: string; proof: string[] } | null;
}

/** The ledger has no signed checkpoint yet, or it does not hold what was asked. */
export class NotInLedgerError extends Error {}

const base64 = (hashes: Buffer[]) => hashes.map((hash) => hash.toString('base64'));

/**
 * Proofs from the stored tree (tiles.ts): of one event, between two sizes, of an account's history.
 * Each answer reads the tree afresh (its tiles shared within the answer): a tree built again
 * (`ledger rebuild`) is never answered from what an earlier one held.
 */
export class LedgerProofs {
  constructor(
    private readonly pool: Pool,
    /** The adapter itself: proofs carry events as stored. */
    private readonly store: EventStore,
  ) {}

  /** A reader of the tree as it is now. */
  reader(): TileReader {
    return new TileReader(this.pool);
  }

  async size(): Promise<bigint> {
    return (await readLedgerState(this.pool)).size;
  }

  status(): Promise<LedgerStatus> {
    return ledgerStatus(this.pool, this.store);
  }

  latestCheckpoint(): Promise<StoredCheckpoint | undefined> {
    return latestCheckpoint(this.pool);
  }

  /** The leaf of the event at a position, or of an event id, if the tree holds it. */
  async leafIndex(of: { position?: bigint; eventId?: string }): Promise<bigint | undefined> {
    const position = of.position ?? (of.eventId === undefined ? undefined : await this.positionOf(of.eventId));
    return position === undefined ? undefined : this.reader().leafOf(position);
  }

  private async positionOf(eventId: string): Promise<bigint | undefined> {
    if (this.store.positionOf) return this.store.positionOf(eventId);
    const { rows } = await this.pool.query<{ position: string }>(
      'SELECT position FROM ledger.event_ids WHERE event_id = $1',
      [eventId],
    );
    return rows[0] && BigInt(rows[0].position);
  }

  /** The inclusion proof of leaf `index` in the tree of `size`, and the leaf's hash. */
  async inclusion(index: bigint, size: bigint, reader = this.reader()): Promise<{ proof: Buffer[]; leafHash: Buffer }> {
    return { proof: await inclusionProof(index, size, reader.range), leafHash: await reader.leafHash(index) };
  }

  consistency(from: bigint, to: bigint): Promise<Buffer[]> {
    return consistencyProof(from, to, this.reader().range);
  }

  /** The event at `position` as stored, if the log holds one there. */
  async eventAt(position: bigint): Promise<RecordedEvent | undefined> {
    const [event] = await this.store.readAll({ after: position - 1n, limit: 1, asStored: true });
    return event?.position === position ? event : undefined;
  }

  /** An account's history (up to `bound`) proven under the latest checkpoint. */
  async accountBundle(
    accountId: string,
    bound: RecordedBound = {},
    asOf: string | null = null,
    since?: bigint,
  ): Promise<AccountBundle> {
    const checkpoint = await this.latestCheckpoint();
    if (!checkpoint) throw new NotInLedgerError('the ledger has signed no checkpoint yet: try again once it has');
    const size = checkpoint.size;
    const history = await new AccountHistory(this.store, this.pool).events(accountId, {
      position: checkpoint.position,
    });
    const proven: ProvenEvent[] = [];
    let next: ProvenEvent | null = null;
    const reader = this.reader();
    for (const [seq, event] of history.entries()) {
      const index = await reader.leafOf(event.position);
      if (index === undefined || index >= size) break;
      const within =
        (bound.position === undefined || event.position <= bound.position) &&
        (bound.recordedBy === undefined || event.recordedAt <= bound.recordedBy);
      const entry = await this.proven(event, BigInt(seq), index, size, reader);
      if (!within) {
        next = entry;
        break;
      }
      proven.push(entry);
    }
    return {
      format: 'support-ops.account-proof.v1',
      accountId,
      asOf,
      checkpoint: checkpoint.note,
      verifierKey: checkpoint.verifierKey,
      treeSize: size.toString(),
      events: proven,
      next,
      consistency:
        since === undefined || since <= 0n || since > size
          ? null
          : { from: since.toString(), proof: base64(await this.consistency(since, size)) },
    };
  }

  private async proven(
    event: RecordedEvent,
    seq: bigint,
    index: bigint,
    size: bigint,
    reader: TileReader,
  ): Promise<ProvenEvent> {
    return {
      leafIndex: index.toString(),
      accountSeq: seq.toString(),
      eventId: event.eventId,
      type: event.type,
      streamId: event.streamId,
      revision: event.revision.toString(),
      position: event.position.toString(),
      recordedAt: event.recordedAt.toISOString(),
      data: event.storedData ?? event.data,
      metadata: event.metadata,
      hash: event.hash ?? null,
      leafHash: hashOfLeaf(leafOf(event, seq)).toString('hex'),
      inclusion: base64((await this.inclusion(index, size, reader)).proof),
    };
  }
}
