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
import type { CompactRange } from './merkle';
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
  private range?: CompactRange;
  private signedSize = 0n;
  /** The largest signed size the tree was checked against since this run started. */
  private checkedSize = 0n;
  private signedAt = Date.now();

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
    const reader = new TileReader(this.pool);
    this.range = await reader.compactRange(this.state.size);
    const writer = await TileWriter.load(this.pool, this.state.size);
    await this.checkPublished(reader, this.state.size);
    this.signedSize = (await latestCheckpoint(this.pool))?.size ?? 0n;
    this.checkedSize = this.state.size >= this.signedSize ? this.signedSize : 0n;
    this.logger.info({ size: this.state.size.toString() }, 'ledger leader: the tree resumes');
    let fail!: (error: Error) => void;
    const failed = new Promise<never>((_, reject) => (fail = reject));
    const subscription = this.store.subscribeToAll(
      { after: this.state.lastPosition, batchSize: this.options.batchSize, asStored: true },
      async (events) => {
        await this.add(events, writer);
        // A tree built again is checked as soon as it holds what was signed before, not only at the next signature.
        if (this.state.size >= this.signedSize && this.checkedSize < this.signedSize) {
          await this.checkPublished(reader, this.state.size);
          this.checkedSize = this.signedSize;
        }
        if (this.state.size - this.signedSize >= BigInt(this.options.everyEvents)) await this.sign(reader);
      },
    );
    const timer = setInterval(() => void this.tick(reader).catch(fail), Math.min(1000, this.options.intervalMs));
    try {
      await Promise.race([until, subscription.done, failed]);
    } finally {
      clearInterval(timer);
      await subscription.stop();
    }
  }

  /** Between batches: a tree reset under it is noticed, and a checkpoint signed when one is due. */
  private async tick(reader: TileReader): Promise<void> {
    // Smaller than the tree in memory: reset. (Larger only for the moment a batch has committed.)
    if ((await readLedgerState(this.pool)).size < this.state.size)
      throw new LedgerReset('the tree was reset (ledger rebuild): building it again from the first event');
    if (Date.now() - this.signedAt >= this.options.intervalMs && this.state.size > this.signedSize)
      await this.sign(reader);
  }

  private async add(events: RecordedEvent[], writer: TileWriter): Promise<void> {
    const sequences = await accountSequences(this.pool, [...new Set(events.map(accountOf))]);
    for (const event of events) {
      const account = accountOf(event);
      const seq = sequences.get(account) ?? 0n;
      sequences.set(account, seq + 1n);
      const hash = hashOfLeaf(leafOf(event, seq));
      this.range!.append(hash);
      writer.append(hash, event.position);
    }
    const last = events[events.length - 1];
    const state = { size: this.range!.size, lastPosition: last.position, lastRecordedAt: last.recordedAt };
    await inTransaction(this.pool, async (client) => {
      if (!(await advanceLedgerState(client, this.state.size, state)))
        throw new LedgerReset('the tree was reset (ledger rebuild): building it again from the first event');
      await writer.save(client);
      await writeAccountSequences(client, sequences);
      if (!this.store.positionOf) await writeEventIds(client, events);
    });
    this.state = state;
    this.events.grew(state.size);
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
