import { createHash, randomBytes } from 'node:crypto';
import type { Scope } from './principal';

export function sha256Hex(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}

/** One entry of API_KEYS: the key itself is never stored, only its SHA-256. */
export interface ApiKeyConfigEntry {
  id: string;
  sha256: string;
  scopes: Scope[];
}

/** A new random key (192 bits) and the API_KEYS entry that accepts it. */
export function newApiKey(id: string, scopes: Scope[], prefix = 'sk'): { key: string; entry: ApiKeyConfigEntry } {
  const key = `${prefix}_${randomBytes(24).toString('base64url')}`;
  return { key, entry: { id, sha256: sha256Hex(key), scopes } };
}
