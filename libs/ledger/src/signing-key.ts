import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { generateSigningKey, parseSigningKey, type Signer } from './note';

const KEY_FILE = 'checkpoint-signing-key';

/**
 * The key checkpoints are signed with: CHECKPOINT_SIGNING_KEY, or on the embedded default one made
 * on first start and kept beside the data (DATA_DIR/checkpoint-signing-key), as the PII master key
 * is. It lives outside the event store: whoever can rewrite the log still cannot sign for it.
 */
export async function resolveSigningKey(setting: {
  configured?: string;
  dataDir: string;
  embedded: boolean;
}): Promise<Signer> {
  if (setting.configured) return parseSigningKey(setting.configured);
  if (!setting.embedded)
    throw new Error(
      'Set CHECKPOINT_SIGNING_KEY where the ledger role runs (`npx support-ops keys checkpoint --origin <your log name>`): checkpoints of the log are signed with it; keep it apart from the database',
    );
  const file = join(setting.dataDir, KEY_FILE);
  const existing = await readFile(file, 'utf8').catch(() => undefined);
  if (existing?.trim()) return parseSigningKey(existing.trim());
  await mkdir(setting.dataDir, { recursive: true });
  const key = generateSigningKey(`support-ops.local/${randomBytes(4).toString('hex')}`);
  await writeFile(file, `${key}\n`, { mode: 0o600, flag: 'wx' }).catch((error: unknown) => {
    // Another process on the same DATA_DIR made it first: use theirs.
    if ((error as { code?: string }).code !== 'EEXIST') throw error;
  });
  return parseSigningKey((await readFile(file, 'utf8')).trim());
}
