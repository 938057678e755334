import type { Pool } from 'pg';
import type { Logger } from 'pino';
import type { EventStore } from '@app/event-store';
import { SlaCatalog } from './sla-catalog';

/** A catalog that has applied the log up to 100, over a store whose head reads are answered by hand. */
function catalogOverHeadReads() {
  const reads: Array<(head: bigint) => void> = [];
  const store = {
    headPosition: () => new Promise<bigint>((resolve) => reads.push(resolve)),
  } as unknown as EventStore;
  const catalog = new SlaCatalog(store, {} as Pool, {} as Logger);
  (catalog as unknown as { position: bigint }).position = 100n;
  const settled = async () => new Promise((resolve) => setImmediate(resolve));
  return { catalog, reads, settled };
}

describe('SlaCatalog freshness', () => {
  it('reads the head once for the lookups that come while a read is out, and never answers them with an older read', async () => {
    const { catalog, reads, settled } = catalogOverHeadReads();
    const answered: string[] = [];
    const lookup = (name: string) => catalog.policiesOn('cal').then(() => void answered.push(name));

    const first = lookup('first');
    const later = ['a', 'b', 'c'].map(lookup);
    expect(reads).toHaveLength(1);
    // The read out may have begun before a write these lookups follow: they wait for the next one.
    reads[0](100n);
    await first;
    await settled();
    expect(answered).toEqual(['first']);
    expect(reads).toHaveLength(2);
    reads[1](100n);
    await Promise.all(later);
    expect(answered).toEqual(['first', 'a', 'b', 'c']);
    expect(reads).toHaveLength(2);
  });
});
