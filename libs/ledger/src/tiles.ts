import type { Pool, PoolClient } from 'pg';
import { CompactRange, nodeHash, splitPoint, type RangeHash } from './merkle';

/**
 * The tree stored as tiles, as C2SP `tlog-tiles` lays a log out: a tile of level L holds up to 256
 * consecutive hashes of subtrees of height 8·L (level 0: the leaf hashes), so any subtree hash is
 * at most 128 hashes of one tile away, a proof reads one tile per level (O(log n)), and appending a
 * batch rewrites only the right edge. Level-0 tiles also hold their leaves' log positions (8 bytes
 * each, and the first one as a column), which finds the leaf of a position in one indexed read.
 * Full tiles never change: they are cached.
 */
export const TILE_HEIGHT = 8;
export const TILE_WIDTH = 256;
const HASH = 32;
const CACHED_TILES = 4096;
const CACHED_NODES = 65_536;

interface TileRow {
  hashes: Buffer;
  positions: Buffer | null;
}

/** What reads the tree: subtree hashes and proofs of the tree as stored, leaves by position. */
export class TileReader {
  private readonly cache = new Map<string, Buffer>();
  /** A complete subtree's hash never changes: the proofs of one region share most of theirs. */
  private readonly nodes = new Map<string, Buffer>();

  constructor(private readonly pool: Pool) {}

  private async tile(level: number, index: bigint): Promise<Buffer> {
    const key = `${level}/${index}`;
    const cached = this.cache.get(key);
    if (cached) return cached;
    const { rows } = await this.pool.query<TileRow>(
      'SELECT hashes, positions FROM ledger.tiles WHERE level = $1 AND idx = $2',
      [level, index.toString()],
    );
    const hashes = rows[0]?.hashes ?? Buffer.alloc(0);
    if (hashes.length === TILE_WIDTH * HASH) {
      if (this.cache.size >= CACHED_TILES) this.cache.delete(this.cache.keys().next().value!);
      this.cache.set(key, hashes);
    }
    return hashes;
  }

  /** The hash of the perfect subtree of `height` whose leaves start at `index · 2^height`. */
  async node(height: number, index: bigint): Promise<Buffer> {
    const key = `${height}/${index}`;
    const cached = this.nodes.get(key);
    if (cached) return cached;
    const hash = await this.computeNode(height, index);
    if (this.nodes.size >= CACHED_NODES) this.nodes.delete(this.nodes.keys().next().value!);
    this.nodes.set(key, hash);
    return hash;
  }

  private async computeNode(height: number, index: bigint): Promise<Buffer> {
    const level = Math.floor(height / TILE_HEIGHT);
    const within = height % TILE_HEIGHT;
    const first = index << BigInt(within);
    const hashes = await this.tile(level, first / BigInt(TILE_WIDTH));
    const offset = Number(first % BigInt(TILE_WIDTH));
    const count = 1 << within;
    if (hashes.length < (offset + count) * HASH)
      throw new Error(`the ledger holds no node of height ${height} at ${index}: the tree is not that large`);
    let layer: Buffer[] = [];
    for (let i = 0; i < count; i += 1) layer.push(hashes.subarray((offset + i) * HASH, (offset + i + 1) * HASH));
    while (layer.length > 1) layer = layer.flatMap((hash, i) => (i % 2 ? [] : [nodeHash(hash, layer[i + 1])]));
    return layer[0];
  }

  /** MTH(D[start:end]) from the stored nodes: perfect subtrees read, the rest combined. */
  readonly range: RangeHash = async (start, end) => {
    const size = end - start;
    if (size > 0n && (size & (size - 1n)) === 0n && start % size === 0n) {
      const height = size.toString(2).length - 1;
      return this.node(height, start / size);
    }
    const k = splitPoint(size);
    return nodeHash(await this.range(start, start + k), await this.range(start + k, end));
  };

  /** The leaf index of the event at `position`, if the tree holds it. */
  async leafOf(position: bigint): Promise<bigint | undefined> {
    const { rows } = await this.pool.query<{ idx: string; positions: Buffer }>(
      `SELECT idx, positions FROM ledger.tiles WHERE level = 0 AND first_position <= $1
        ORDER BY first_position DESC LIMIT 1`,
      [position.toString()],
    );
    if (rows.length === 0) return undefined;
    const { idx, positions } = rows[0];
    let [low, high] = [0, positions.length / 8 - 1];
    while (low <= high) {
      const middle = (low + high) >> 1;
      const found = positions.readBigUInt64BE(middle * 8);
      if (found === position) return BigInt(idx) * BigInt(TILE_WIDTH) + BigInt(middle);
      if (found < position) low = middle + 1;
      else high = middle - 1;
    }
    return undefined;
  }

  /** The hash of leaf `index`. */
  leafHash(index: bigint): Promise<Buffer> {
    return this.node(0, index);
  }

  /** The right edge of the tree of `size` leaves, to go on appending to it. */
  async compactRange(size: bigint): Promise<CompactRange> {
    const roots: Buffer[] = [];
    let start = 0n;
    for (let height = size.toString(2).length - 1; height >= 0; height -= 1) {
      const width = 1n << BigInt(height);
      if (size & width) {
        roots.push(await this.node(height, start / width));
        start += width;
      }
    }
    return new CompactRange(size, roots);
  }
}

/** A tile being filled: its index, its hashes, and (level 0) its leaves' positions. */
interface OpenTile {
  index: bigint;
  hashes: Buffer[];
  positions: bigint[];
}

/**
 * The right edge of every level while leaves are appended, and the tiles a batch changed, to write
 * in the batch's transaction. When a tile fills up, the root of its 256 hashes goes up one level.
 */
export class TileWriter {
  private readonly dirty = new Map<string, { level: number; tile: OpenTile }>();

  private constructor(private readonly open: OpenTile[]) {}

  /** The right edge as stored for a tree of `size` leaves. */
  static async load(pool: Pool, size: bigint): Promise<TileWriter> {
    const open: OpenTile[] = [];
    for (let level = 0, count = size; level === 0 || count > 0n; level += 1, count /= BigInt(TILE_WIDTH)) {
      const index = count / BigInt(TILE_WIDTH);
      const filled = Number(count % BigInt(TILE_WIDTH));
      const tile: OpenTile = { index, hashes: [], positions: [] };
      if (filled > 0) {
        const { rows } = await pool.query<TileRow>(
          'SELECT hashes, positions FROM ledger.tiles WHERE level = $1 AND idx = $2',
          [level, index.toString()],
        );
        for (let i = 0; i < filled; i += 1) {
          tile.hashes.push(rows[0].hashes.subarray(i * HASH, (i + 1) * HASH));
          if (level === 0) tile.positions.push(rows[0].positions!.readBigUInt64BE(i * 8));
        }
      }
      open.push(tile);
    }
    return new TileWriter(open);
  }

  append(leafHash: Buffer, position: bigint): void {
    this.push(0, leafHash, position);
  }

  private push(level: number, hash: Buffer, position?: bigint): void {
    const tile = (this.open[level] ??= { index: 0n, hashes: [], positions: [] });
    tile.hashes.push(hash);
    if (position !== undefined) tile.positions.push(position);
    // A tile is replaced, never changed, once full: the reference stays what it was when written.
    this.dirty.set(`${level}/${tile.index}`, { level, tile });
    if (tile.hashes.length < TILE_WIDTH) return;
    let layer = tile.hashes;
    while (layer.length > 1) layer = layer.flatMap((left, i) => (i % 2 ? [] : [nodeHash(left, layer[i + 1])]));
    this.open[level] = { index: tile.index + 1n, hashes: [], positions: [] };
    this.push(level + 1, layer[0]);
  }

  /** Writes every tile changed since the last save (in the caller's transaction). */
  async save(client: PoolClient): Promise<void> {
    const tiles = [...this.dirty.values()];
    this.dirty.clear();
    if (tiles.length === 0) return;
    await client.query(
      `INSERT INTO ledger.tiles (level, idx, hashes, positions, first_position)
       SELECT * FROM unnest($1::smallint[], $2::bigint[], $3::bytea[], $4::bytea[], $5::bigint[])
       ON CONFLICT (level, idx) DO UPDATE SET hashes = excluded.hashes, positions = excluded.positions`,
      [
        tiles.map(({ level }) => level),
        tiles.map(({ tile }) => tile.index.toString()),
        tiles.map(({ tile }) => Buffer.concat(tile.hashes)),
        tiles.map(({ level, tile }) => (level === 0 ? positionBytes(tile.positions) : null)),
        tiles.map(({ level, tile }) => (level === 0 ? tile.positions[0].toString() : null)),
      ],
    );
  }
}

function positionBytes(positions: bigint[]): Buffer {
  const bytes = Buffer.alloc(positions.length * 8);
  positions.forEach((position, i) => bytes.writeBigUInt64BE(position, i * 8));
  return bytes;
}
