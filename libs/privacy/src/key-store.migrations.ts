import type { Migration } from '@app/database';

export const KEY_STORE_MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'data keys',
    // `wrapped` is the data key sealed by the master key (12-byte IV, ciphertext, 16-byte tag);
    // NULL once erased. `master` names the master key (a digest of it) to tell a wrong one apart.
    sql: `
CREATE SCHEMA IF NOT EXISTS privacy;
CREATE TABLE privacy.data_keys (
  key_id uuid PRIMARY KEY,
  subject text NOT NULL,
  master text NOT NULL,
  wrapped bytea,
  created_at timestamptz NOT NULL DEFAULT now(),
  erased_at timestamptz,
  CHECK ((wrapped IS NULL) = (erased_at IS NOT NULL))
);
CREATE UNIQUE INDEX data_keys_live_subject ON privacy.data_keys (subject) WHERE wrapped IS NOT NULL;
CREATE INDEX data_keys_subject ON privacy.data_keys (subject text_pattern_ops);

-- Every erasure, also of subjects that never had a key (their events predate encryption): with
-- prefix, every subject that starts with it (the contacts of an erased account).
CREATE TABLE privacy.erasures (
  subject text PRIMARY KEY,
  prefix boolean NOT NULL,
  erased_at timestamptz NOT NULL DEFAULT now()
);
`,
  },
];
