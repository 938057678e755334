/**
 * Where the data keys of personal data live (docs/architecture.md, "Personal data"): one key per data subject,
 * kept wrapped by a master key. Erasing a subject deletes its keys for good and keeps a tombstone,
 * so a read can tell an erased key from one the store never had.
 */
export interface DataKey {
  keyId: string;
  key: Buffer;
}

export interface KeyStore {
  /** The live key of each subject, made on first use. */
  keysFor(subjects: readonly string[]): Promise<Map<string, DataKey>>;
  /** Keys by id: the key, or null once erased. An id the store never had is missing from the answer. */
  keysById(keyIds: readonly string[]): Promise<Map<string, Buffer | null>>;
  /** The subjects among these that were ever erased. */
  erasedAmong(subjects: readonly string[]): Promise<Set<string>>;
  /** Deletes the keys of `subject` and of every subject starting with `prefix`; returns how many. */
  erase(subject: string, prefix?: string): Promise<number>;
}

export const KEY_STORE = Symbol('KEY_STORE');

/** The key store cannot be reached or read: nothing was written, nothing served; retrying later is safe. */
export class KeyStoreUnavailableError extends Error {
  readonly code = 'key_store_unavailable';
  constructor(
    message: string,
    override readonly cause?: unknown,
  ) {
    super(message);
  }
}
