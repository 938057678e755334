import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

const MASTER_KEY_FILE = 'pii-master-key';

/**
 * The master key that wraps the data keys: PII_MASTER_KEY (32 bytes, base64), or on the embedded
 * default one made on first start and kept beside the data (DATA_DIR/pii-master-key), like the
 * development API key. A deployment on its own database must name its own.
 */
export async function resolveMasterKey(setting: { configured?: string; dataDir: string; embedded: boolean }) {
  if (setting.configured) return parseMasterKey(setting.configured);
  if (!setting.embedded)
    throw new Error(
      'Set PII_MASTER_KEY (32 random bytes, base64, e.g. `openssl rand -base64 32`): personal data in the log is encrypted under keys it wraps; keep it apart from the database backups',
    );
  const file = join(setting.dataDir, MASTER_KEY_FILE);
  const existing = await readFile(file, 'utf8').catch(() => undefined);
  if (existing?.trim()) return parseMasterKey(existing.trim());
  const key = randomBytes(32);
  await mkdir(setting.dataDir, { recursive: true });
  await writeFile(file, `${key.toString('base64')}\n`, { mode: 0o600, flag: 'wx' }).catch(async (error: unknown) => {
    // Another process on the same DATA_DIR made it first: use theirs.
    if ((error as { code?: string }).code !== 'EEXIST') throw error;
  });
  return parseMasterKey((await readFile(file, 'utf8')).trim());
}

export function parseMasterKey(base64: string): Buffer {
  if (base64.startsWith('CHANGEME'))
    throw new Error('PII_MASTER_KEY is the placeholder of infra/k8s/secret.yaml: set it to `openssl rand -base64 32`');
  const key = Buffer.from(base64, 'base64');
  if (key.length !== 32 || key.toString('base64') !== base64.replace(/\s/g, ''))
    throw new Error('PII_MASTER_KEY must be 32 bytes in base64 (44 characters, e.g. `openssl rand -base64 32`)');
  return key;
}
