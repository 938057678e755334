import { hash } from 'node:crypto';

/**
 * The Merkle tree of RFC 9162 (§2.1), over the log's leaves in log order:
 *
 *   leaf hash = SHA-256(0x00 || leaf data)
 *   node hash = SHA-256(0x01 || left || right)
 *   MTH(D[n]) = node(MTH(D[0:k]), MTH(D[k:n])), k the largest power of two below n
 *
 * Inclusion (PATH) and consistency (PROOF) proofs follow the RFC's recursive definitions over any
 * source of subtree hashes (tiles.ts keeps them), and their checks follow §2.1.3.2 and §2.1.4.2,
 * the algorithms every RFC 9162 client implements (the independent verifier does, in Python).
 */

/** SHA-256 of the parts, joined (the one-shot `crypto.hash`: a quarter faster than a Hash object on 65 bytes). */
export const sha256 = (...parts: Buffer[]): Buffer =>
  hash('sha256', parts.length === 1 ? parts[0] : Buffer.concat(parts), 'buffer') as unknown as Buffer;

const LEAF = Buffer.from([0]);
const NODE = Buffer.from([1]);

export const leafHash = (data: Buffer): Buffer => sha256(LEAF, data);
export const nodeHash = (left: Buffer, right: Buffer): Buffer => sha256(NODE, left, right);
export const EMPTY_ROOT = sha256();

/** The largest power of two strictly below n (n ≥ 2). */
export function splitPoint(n: bigint): bigint {
  let k = 1n;
  while (k << 1n < n) k <<= 1n;
  return k;
}

/** The hash of the subtree over leaves [start, end): what proofs are made of. */
export type RangeHash = (start: bigint, end: bigint) => Promise<Buffer>;

/** PATH(m, D[start:end]): the audit path of leaf m within the range, leaf side first. */
async function path(m: bigint, start: bigint, end: bigint, range: RangeHash): Promise<Buffer[]> {
  const n = end - start;
  if (n <= 1n) return [];
  const k = splitPoint(n);
  if (m < k) return [...(await path(m, start, start + k, range)), await range(start + k, end)];
  return [...(await path(m - k, start + k, end, range)), await range(start, start + k)];
}

/** The inclusion proof of leaf `index` in the tree of `size` leaves. */
export function inclusionProof(index: bigint, size: bigint, range: RangeHash): Promise<Buffer[]> {
  if (index < 0n || index >= size) throw new RangeError(`leaf ${index} is not in a tree of ${size}`);
  return path(index, 0n, size, range);
}

/** SUBPROOF(m, D[start:end], b). */
async function subproof(m: bigint, start: bigint, end: bigint, whole: boolean, range: RangeHash): Promise<Buffer[]> {
  const n = end - start;
  if (m === n) return whole ? [] : [await range(start, end)];
  const k = splitPoint(n);
  if (m <= k) return [...(await subproof(m, start, start + k, whole, range)), await range(start + k, end)];
  return [...(await subproof(m - k, start + k, end, false, range)), await range(start, start + k)];
}

/** The consistency proof from the tree of `from` leaves to the tree of `to` (0 < from ≤ to). */
export function consistencyProof(from: bigint, to: bigint, range: RangeHash): Promise<Buffer[]> {
  if (from <= 0n || from > to) throw new RangeError(`no consistency proof from ${from} to ${to}`);
  return subproof(from, 0n, to, true, range);
}

/** Right-shifts both until the first is odd or zero (the RFC's "shift equally" step). */
function shiftUntilOdd(fn: bigint, sn: bigint): [bigint, bigint] {
  while (fn !== 0n && !(fn & 1n)) [fn, sn] = [fn >> 1n, sn >> 1n];
  return [fn, sn];
}

/** The root an inclusion proof leads to from a leaf hash (RFC 9162 §2.1.3.2), or undefined if it cannot. */
export function rootFromInclusion(index: bigint, size: bigint, leaf: Buffer, proof: Buffer[]): Buffer | undefined {
  if (index >= size) return undefined;
  let fn = index;
  let sn = size - 1n;
  let r = leaf;
  for (const p of proof) {
    if (sn === 0n) return undefined;
    if (fn & 1n || fn === sn) {
      r = nodeHash(p, r);
      if (!(fn & 1n)) [fn, sn] = shiftUntilOdd(fn, sn);
    } else r = nodeHash(r, p);
    fn >>= 1n;
    sn >>= 1n;
  }
  return sn === 0n ? r : undefined;
}

/** Whether `proof` shows the tree of `to` leaves (root `toRoot`) extends the one of `from` (RFC 9162 §2.1.4.2). */
export function verifyConsistency(
  from: bigint,
  to: bigint,
  fromRoot: Buffer,
  toRoot: Buffer,
  proof: Buffer[],
): boolean {
  if (from > to || from === 0n) return false;
  if (from === to) return proof.length === 0 && fromRoot.equals(toRoot);
  if (proof.length === 0) return false;
  const path = from & (from - 1n) ? [...proof] : [fromRoot, ...proof];
  let fn = from - 1n;
  let sn = to - 1n;
  while (fn & 1n) [fn, sn] = [fn >> 1n, sn >> 1n];
  let fr = path[0];
  let sr = path[0];
  for (const c of path.slice(1)) {
    if (sn === 0n) return false;
    if (fn & 1n || fn === sn) {
      fr = nodeHash(c, fr);
      sr = nodeHash(c, sr);
      if (!(fn & 1n)) [fn, sn] = shiftUntilOdd(fn, sn);
    } else sr = nodeHash(sr, c);
    fn >>= 1n;
    sn >>= 1n;
  }
  return sn === 0n && fr.equals(fromRoot) && sr.equals(toRoot);
}

/**
 * The right edge of a growing tree (a "compact range"): the roots of its perfect subtrees, largest
 * first, one per set bit of the size. Appending a leaf merges equal-sized roots; the tree's root is
 * the fold of the edge from the right.
 */
export class CompactRange {
  constructor(
    public size: bigint = 0n,
    private readonly roots: Buffer[] = [],
  ) {}

  append(leaf: Buffer): void {
    let hash = leaf;
    for (let size = this.size; size & 1n; size >>= 1n) hash = nodeHash(this.roots.pop()!, hash);
    this.roots.push(hash);
    this.size += 1n;
  }

  root(): Buffer {
    if (this.roots.length === 0) return EMPTY_ROOT;
    return this.roots.reduceRight((right, left) => nodeHash(left, right));
  }
}
