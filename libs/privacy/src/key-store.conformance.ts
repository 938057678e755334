import type { KeyStore } from './key-store.port';

/** The key store port's conformance suite; every adapter's spec runs it. `fresh` gives an empty store. */
export function keyStoreConformance(name: string, fresh: () => Promise<KeyStore>): void {
  describe(`${name} key store contract`, () => {
    let keys: KeyStore;
    beforeEach(async () => {
      keys = await fresh();
    });

    it('makes one key per subject on first use and gives the same one afterwards', async () => {
      const first = await keys.keysFor(['contact:a1/k1', 'account:a1']);
      const again = await keys.keysFor(['contact:a1/k1', 'account:a1']);
      expect(first.get('contact:a1/k1')!.key).toHaveLength(32);
      expect(again).toEqual(first);
      expect(first.get('contact:a1/k1')!.keyId).not.toBe(first.get('account:a1')!.keyId);
      expect(first.get('contact:a1/k1')!.key.equals(first.get('account:a1')!.key)).toBe(false);
    });

    it('gives keys by id, null once erased, and nothing for an id it never had', async () => {
      const { keyId, key } = (await keys.keysFor(['contact:a1/k1'])).get('contact:a1/k1')!;
      expect((await keys.keysById([keyId])).get(keyId)!.equals(key)).toBe(true);
      expect(await keys.erase('contact:a1/k1')).toBe(1);
      expect(await keys.erase('contact:a1/k1')).toBe(0);
      expect(await keys.keysById([keyId, '00000000-0000-4000-8000-000000000000'])).toEqual(new Map([[keyId, null]]));
      const renewed = (await keys.keysFor(['contact:a1/k1'])).get('contact:a1/k1')!;
      expect(renewed.keyId).not.toBe(keyId);
    });

    it('erases an account with every contact under it, and no other account', async () => {
      const made = await keys.keysFor(['account:a1', 'contact:a1/k1', 'contact:a1/k2', 'contact:a10/k1']);
      expect(await keys.erase('account:a1', 'contact:a1/')).toBe(3);
      const byId = await keys.keysById([...made.values()].map((key) => key.keyId));
      expect([...made.keys()].map((subject) => byId.get(made.get(subject)!.keyId) === null)).toEqual([
        true,
        true,
        true,
        false,
      ]);
      expect(await keys.erasedAmong(['account:a1', 'contact:a1/k9', 'contact:a10/k1', 'account:a2'])).toEqual(
        new Set(['account:a1', 'contact:a1/k9']),
      );
    });
  });
}
