import {
  CompactRange,
  consistencyProof,
  EMPTY_ROOT,
  inclusionProof,
  leafHash,
  nodeHash,
  rootFromInclusion,
  splitPoint,
  verifyConsistency,
  type RangeHash,
} from './merkle';

/** RFC 6962's test leaves and the roots of their first n (as the Certificate Transparency code tests them). */
const LEAVES = ['', '00', '10', '2021', '3031', '40414243', '5051525354555657', '606162636465666768696a6b6c6d6e6f'].map(
  (hex) => Buffer.from(hex, 'hex'),
);
const ROOTS = [
  '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
  'fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125',
  'aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77',
  'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
  '4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4',
  '76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef',
  'ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c',
  '5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328',
];

/** MTH as RFC 9162 defines it, recursively over the leaf hashes: the reference the rest is checked against. */
function mth(hashes: Buffer[]): Buffer {
  if (hashes.length === 0) return EMPTY_ROOT;
  if (hashes.length === 1) return hashes[0];
  const k = Number(splitPoint(BigInt(hashes.length)));
  return nodeHash(mth(hashes.slice(0, k)), mth(hashes.slice(k)));
}

const hashes = Array.from({ length: 70 }, (_, i) => leafHash(Buffer.from(`leaf ${i}`)));
const range: RangeHash = async (start, end) => mth(hashes.slice(Number(start), Number(end)));

describe('the RFC 9162 Merkle tree', () => {
  it("gives RFC 6962's roots for its test leaves, appended one by one", () => {
    const tree = new CompactRange();
    LEAVES.forEach((leaf, i) => {
      tree.append(leafHash(leaf));
      expect(tree.root().toString('hex')).toBe(ROOTS[i]);
    });
  });

  it('keeps the root of every size as leaves are appended', () => {
    const tree = new CompactRange();
    hashes.forEach((hash, i) => {
      tree.append(hash);
      expect([i, tree.root().equals(mth(hashes.slice(0, i + 1)))]).toEqual([i, true]);
    });
  });

  it('proves every leaf of every tree size up to 70, and no proof leads to the root from another leaf or place', async () => {
    for (let size = 1n; size <= 70n; size += 1n) {
      const root = mth(hashes.slice(0, Number(size)));
      for (let index = 0n; index < size; index += 1n) {
        const proof = await inclusionProof(index, size, range);
        expect(rootFromInclusion(index, size, hashes[Number(index)], proof)?.equals(root)).toBe(true);
        const other = hashes[(Number(index) + 1) % Number(size)];
        if (size > 1n) expect(rootFromInclusion(index, size, other, proof)?.equals(root) ?? false).toBe(false);
        if (index + 1n < size)
          expect(rootFromInclusion(index + 1n, size, hashes[Number(index)], proof)?.equals(root) ?? false).toBe(false);
      }
    }
  });

  it('proves every tree of up to 70 leaves consistent with each smaller one, and refuses a tree that is not', async () => {
    for (let to = 1n; to <= 70n; to += 1n) {
      const toRoot = mth(hashes.slice(0, Number(to)));
      for (let from = 1n; from <= to; from += 1n) {
        const fromRoot = mth(hashes.slice(0, Number(from)));
        const proof = await consistencyProof(from, to, range);
        expect([from, to, verifyConsistency(from, to, fromRoot, toRoot, proof)]).toEqual([from, to, true]);
        const forked = leafHash(Buffer.from('another history'));
        expect(verifyConsistency(from, to, forked, toRoot, proof)).toBe(false);
      }
    }
  });
});
