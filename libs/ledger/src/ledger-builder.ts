import { link, mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Pool } from 'pg';
import type { Logger } from 'pino';
import { inTransaction } from '@app/database';
import type { EventStore, RecordedEvent } from '@app/event-store';
import { accountOf, hashOfLeaf, leafOf } from './leaf';
import {
  accountSequences,
  latestCheckpoint,
  readLedgerState,
  saveCheckpoint,
  writeAccountSequences,
  advanceLedgerState,
  writeEventIds,
  type LedgerState,
} from './ledger-store';
import { openCheckpoint, signCheckpoint, verifierKey, type Checkpoint, type Signer } from './note';
import { TileReader, TileWriter } from './tiles';

export interface LedgerOptions {
  /** Sign a checkpoint once this many leaves joined the tree since the last one… */
  everyEvents: number;
  /** …or once this long passed since it (and the tree grew). */
  intervalMs: number;
  batchSize: number;
  /** The append-only directory of checkpoints a witness copies. */
  directory?: string;
}

/** What the ledger tells its operators (metrics, logs). */
export interface LedgerEvents {
  grew(size: bigint): void;
  signed(checkpoint: Checkpoint): void;
}

const CACHED_ACCOUNTS = 100_000;
/** A live batch smaller than a full one waits this long for more: fewer, larger reads beside the writers. */
const GATHER_MS = 100;
/**
 * The tree grows in memory and is written (tiles, account sequences and its size, in one
 * transaction) at most this often, or once LEDGER_BATCH_SIZE events wait: a transaction per live
 * batch cost the writers a tenth of their appends. A restart resumes from what was written.
 */
const PERSIST_MS = 1000;

/** The tree contradicts a checkpoint it signed before: it signs nothing more until an operator looks. */
export class LedgerContradiction extends Error {}

/** The tree was reset under the builder (`ledger rebuild`): it starts again from what is stored. */
export class LedgerReset extends Error {}

/**
 * The `ledger` role's work (ledger.module.ts): the RFC 9162 tree over the log, one leaf per event in
 * log order (leaf.ts), built from the log's subscription and stored as tiles in PostgreSQL (the
 * tiles, the account sequences and the tree's size of a batch in one transaction, so a restart
 * resumes where it stopped), and a signed checkpoint every `everyEvents` leaves or `intervalMs`.
 * Before it signs, the tree of every size published before must still have the root published for
 * it: a log rewritten under the ledger, or a ledger rewritten, is never signed for.
 */
export class LedgerBuilder {
  private state: LedgerState = { size: 0n, lastPosition: 0n, lastRecordedAt: null };
  private signedSize = 0n;
  /** The largest signed size the tree was checked against since this run started. */
  private checkedSize = 0n;
  private signedAt = Date.now();
  private writer?: TileWriter;

  constructor(
    private readonly pool: Pool,
    /** The adapter itself: leaves bind the events as stored. */
    private readonly store: EventStore,
    private readonly signer: Signer,
    private readonly options: LedgerOptions,
    private readonly logger: Logger,
    private readonly events: LedgerEvents,
  ) {}

  /** Builds and signs until `until` settles; rejects with a LedgerContradiction, or a failure to retry. */
  async run(until: Promise<void>): Promise<void> {
    this.state = await readLedgerState(this.pool);
    this.pending = undefined;
    this.sequences.clear();
    const reader = new TileReader(this.pool);
    const writer = await TileWriter.load(this.pool, this.state.size);
    this.writer = writer;
    await this.checkPublished(reader, this.state.size);
    this.signedSize = (await latestCheckpoint(this.pool))?.size ?? 0n;
    this.checkedSize = this.state.size >= this.signedSize ? this.signedSize : 0n;
    this.logger.info({ size: this.state.size.toString() }, 'ledger leader: the tree resumes');
    let fail!: (error: Error) => void;
    const failed = new Promise<never>((_, reject) => (fail = reject));
    const subscription = this.store.subscribeToAll(
      { after: this.state.lastPosition, batchSize: this.options.batchSize, asStored: true, omitChainedContent: true },
      async (events) => {
        await this.add(events);
        const due = Date.now() - this.persistedAt >= PERSIST_MS;
        if (due || (this.pending?.events ?? 0) >= this.options.batchSize) await this.persist(writer);
        await this.checkRebuilt(reader);
        if (this.state.size - this.signedSize >= BigInt(this.options.everyEvents)) await this.sign(reader);
        if (events.length < this.options.batchSize) await new Promise((resolve) => setTimeout(resolve, GATHER_MS));
      },
    );
    const timer = setInterval(
      () => void this.tick(reader, writer).catch(fail),
      Math.min(1000, this.options.intervalMs),
    );
    try {
      await Promise.race([until, subscription.done, failed]);
    } finally {
      clearInterval(timer);
      await subscription.stop();
    }
  }

  /** Between batches: what grew is written, a tree reset under it noticed, a checkpoint signed when due. */
  private async tick(reader: TileReader, writer: TileWriter): Promise<void> {
    if (Date.now() - this.persistedAt >= PERSIST_MS) await this.persist(writer);
    await this.checkRebuilt(reader);
    // Smaller than the tree in memory: reset. (Larger only for the moment a batch has committed.)
    if ((await readLedgerState(this.pool)).size < this.state.size)
      throw new LedgerReset('the tree was reset (ledger rebuild): building it again from the first event');
    if (Date.now() - this.signedAt >= this.options.intervalMs && this.state.size > this.signedSize)
      await this.sign(reader);
  }

  /** The next account sequence of the accounts seen lately: the leader is the only one to write them. */
  private readonly sequences = new Map<string, bigint>();

  /** A tree built again is checked as soon as it holds what was signed before, not only at its next signature. */
  private async checkRebuilt(reader: TileReader): Promise<void> {
    if (this.state.size < this.signedSize || this.checkedSize >= this.signedSize) return;
    await this.checkPublished(reader, this.state.size);
    this.checkedSize = this.signedSize;
  }

  /** What grew in memory since the tree was last written. */
  private pending?: { state: LedgerState; events: number; sequences: Map<string, bigint>; ids: RecordedEvent[] };
  private persistedAt = Date.now();
  private persisting?: Promise<void>;

  /** The events' leaves added to the tree in memory. */
  private async add(events: RecordedEvent[]): Promise<void> {
    const unknown = [...new Set(events.map(accountOf))].filter((account) => !this.sequences.has(account));
    if (unknown.length > 0) {
      const stored = await accountSequences(this.pool, unknown);
      for (const account of unknown) this.remember(account, stored.get(account) ?? 0n);
    }
    const pending = (this.pending ??= {
      state: this.state,
      events: 0,
      sequences: new Map(),
      ids: [] as RecordedEvent[],
    });
    let size = pending.state.size;
    for (const event of events) {
      const account = accountOf(event);
      const seq = this.sequences.get(account)!;
      this.remember(account, seq + 1n);
      pending.sequences.set(account, seq + 1n);
      this.writer!.append(hashOfLeaf(leafOf(event, seq)), event.position);
      size += 1n;
    }
    const last = events[events.length - 1];
    pending.state = { size, lastPosition: last.position, lastRecordedAt: last.recordedAt };
    pending.events += events.length;
    if (!this.store.positionOf) pending.ids.push(...events);
  }

  /** Writes what grew (one at a time): tiles, account sequences and the tree's size together. */
  private persist(writer: TileWriter): Promise<void> {
    const previous = this.persisting ?? Promise.resolve();
    this.persisting = previous.then(async () => {
      const pending = this.pending;
      this.persistedAt = Date.now();
      if (!pending) return;
      this.pending = undefined;
      await inTransaction(this.pool, async (client) => {
        if (!(await advanceLedgerState(client, this.state.size, pending.state)))
          throw new LedgerReset('the tree was reset (ledger rebuild): building it again from the first event');
        await writer.save(client);
        await writeAccountSequences(client, pending.sequences);
        if (pending.ids.length > 0) await writeEventIds(client, pending.ids);
      });
      this.state = pending.state;
      this.events.grew(this.state.size);
    });
    return this.persisting;
  }

  private remember(account: string, next: bigint): void {
    this.sequences.delete(account);
    if (this.sequences.size >= CACHED_ACCOUNTS) this.sequences.delete(this.sequences.keys().next().value!);
    this.sequences.set(account, next);
  }

  private signing?: Promise<void>;

  /** Signs the tree as it is now, after checking it against what was published (one at a time). */
  private sign(reader: TileReader): Promise<void> {
    this.signing ??= this.signNow(reader).finally(() => (this.signing = undefined));
    return this.signing;
  }

  private async signNow(reader: TileReader): Promise<void> {
    const { size, lastPosition, lastRecordedAt } = this.state;
    // A tree built again from the start signs again once it is larger than what it signed before.
    if (size <= this.signedSize) return;
    await this.checkPublished(reader, size);
    const checkpoint: Checkpoint = {
      origin: this.signer.name,
      size,
      root: await reader.range(0n, size),
      position: lastPosition,
      recordedAt: (lastRecordedAt ?? new Date(0)).toISOString(),
    };
    const note = signCheckpoint(checkpoint, this.signer);
    await saveCheckpoint(this.pool, {
      ...checkpoint,
      note,
      verifierKey: verifierKey(this.signer),
      signedAt: new Date(),
    });
    if (this.options.directory) await publishToDirectory(this.options.directory, size, note);
    this.signedSize = size;
    this.checkedSize = size;
    this.signedAt = Date.now();
    this.events.signed(checkpoint);
  }

  /**
   * The stored tree must have, at the size of the latest checkpoint published (in the database and
   * in the directory), the root that checkpoint signed; a checkpoint that does not carry this key's
   * signature is a forgery. Either way the ledger stops, saying which.
   */
  private async checkPublished(reader: TileReader, size: bigint): Promise<void> {
    const stored = await latestCheckpoint(this.pool);
    const published = [stored?.note, this.options.directory && (await latestInDirectory(this.options.directory))];
    for (const note of published) {
      if (!note) continue;
      let checkpoint: Checkpoint;
      try {
        checkpoint = openCheckpoint(note, verifierKey(this.signer));
      } catch (error) {
        throw new LedgerContradiction(`a published checkpoint does not verify: ${(error as Error).message}`);
      }
      if (checkpoint.size > size) continue;
      const root = checkpoint.size === 0n ? undefined : await reader.range(0n, checkpoint.size);
      if (root && !root.equals(checkpoint.root))
        throw new LedgerContradiction(
          `the tree of ${checkpoint.size} leaves no longer has the root checkpoint ${checkpoint.size} signed: the log or the ledger was rewritten since; run \`npx support-ops verify --against\` with that checkpoint to find the first event that differs. Nothing more is signed.`,
        );
    }
  }
}

const fileName = (size: bigint) => size.toString().padStart(20, '0');

/** Writes a checkpoint's note as a new file, whole or not at all, never over one: for a witness to copy. */
async function publishToDirectory(directory: string, size: bigint, note: string): Promise<void> {
  await mkdir(directory, { recursive: true });
  const temporary = join(directory, `.${fileName(size)}.${process.pid}.tmp`);
  await writeFile(temporary, note);
  try {
    await link(temporary, join(directory, fileName(size)));
  } catch (error) {
    if ((error as { code?: string }).code !== 'EEXIST') throw error;
  } finally {
    await rm(temporary, { force: true });
  }
}

/** The note of the largest checkpoint in the directory. */
async function latestInDirectory(directory: string): Promise<string | undefined> {
  const names = (await readdir(directory).catch(() => [] as string[])).filter((name) => /^[0-9]{20}$/.test(name));
  const latest = names.sort().pop();
  return latest && readFile(join(directory, latest), 'utf8');
}
