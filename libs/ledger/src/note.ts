import { createPrivateKey, createPublicKey, randomBytes, sign, verify, type KeyObject } from 'node:crypto';
import { sha256 } from './merkle';

/**
 * Checkpoints as C2SP `tlog-checkpoint` bodies in C2SP `signed-note`s, signed with Ed25519 (what
 * Sigstore's Rekor v2, Tessera and their witnesses read):
 *
 *   <origin>\n<tree size>\n<root hash, base64>\n[extension lines]\n
 *   \n
 *   — <key name> <base64(key id (4 bytes) || signature (64 bytes))>\n
 *
 * The key id is SHA-256(key name || "\n" || 0x01 || public key)[:4]. Keys are written as the
 * signed-note tools write them: `PRIVATE+KEY+<name>+<key id hex>+<base64(0x01 || seed)>`, and the
 * verifier key `<name>+<key id hex>+<base64(0x01 || public key)>`. The key's name is the log's origin.
 */

const ED25519 = 1;
const PKCS8_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');
const SPKI_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');
const NAME = /^[^\s+]+$/;

export interface Signer {
  name: string;
  keyId: Buffer;
  publicKey: Buffer;
  privateKey: KeyObject;
}

export interface Checkpoint {
  origin: string;
  size: bigint;
  root: Buffer;
  /** Extension lines: `position <n>` and `recorded-at <ISO 8601>` of the last event covered. */
  position: bigint;
  recordedAt: string;
}

const keyIdOf = (name: string, publicKey: Buffer) =>
  sha256(Buffer.from(`${name}\n`), Buffer.from([ED25519]), publicKey).subarray(0, 4);

function signerFromSeed(name: string, seed: Buffer): Signer {
  const privateKey = createPrivateKey({ key: Buffer.concat([PKCS8_PREFIX, seed]), format: 'der', type: 'pkcs8' });
  const publicKey = createPublicKey(privateKey).export({ format: 'der', type: 'spki' }).subarray(SPKI_PREFIX.length);
  return { name, keyId: keyIdOf(name, publicKey), publicKey, privateKey };
}

/** A new signing key for the log named `origin`, as its private key string. */
export function generateSigningKey(origin: string): string {
  if (!NAME.test(origin)) throw new Error(`a log's origin has no spaces or "+": '${origin}'`);
  const signer = signerFromSeed(origin, randomBytes(32));
  const seed = signer.privateKey.export({ format: 'der', type: 'pkcs8' }).subarray(PKCS8_PREFIX.length);
  return `PRIVATE+KEY+${origin}+${signer.keyId.toString('hex')}+${Buffer.concat([Buffer.from([ED25519]), seed]).toString('base64')}`;
}

/** `count` fields separated by "+", the last one the rest (base64 holds "+" too). */
function fields(text: string, count: number): string[] {
  const parts = text.trim().split('+');
  return parts.length < count ? parts : [...parts.slice(0, count - 1), parts.slice(count - 1).join('+')];
}

/** A private key string as CHECKPOINT_SIGNING_KEY holds it; a one-line error says what is wrong. */
export function parseSigningKey(text: string): Signer {
  const parts = fields(text, 5);
  const seed = Buffer.from(parts[4] ?? '', 'base64');
  if (parts.length !== 5 || parts[0] !== 'PRIVATE' || parts[1] !== 'KEY' || seed.length !== 33 || seed[0] !== ED25519)
    throw new Error(
      'CHECKPOINT_SIGNING_KEY must be an Ed25519 note key, PRIVATE+KEY+<origin>+<key id>+<base64>: make one with `npx support-ops keys checkpoint --origin <name>`',
    );
  const signer = signerFromSeed(parts[2], seed.subarray(1));
  if (signer.keyId.toString('hex') !== parts[3])
    throw new Error('CHECKPOINT_SIGNING_KEY is damaged: its key id does not match its key');
  return signer;
}

/** The public half, as a verifier key string: what an auditor pins. */
export const verifierKey = (signer: Pick<Signer, 'name' | 'keyId' | 'publicKey'>): string =>
  `${signer.name}+${signer.keyId.toString('hex')}+${Buffer.concat([Buffer.from([ED25519]), signer.publicKey]).toString('base64')}`;

export function checkpointBody({ origin, size, root, position, recordedAt }: Checkpoint): string {
  return `${origin}\n${size}\n${root.toString('base64')}\nposition ${position}\nrecorded-at ${recordedAt}\n`;
}

/** The signed note of a checkpoint. */
export function signCheckpoint(checkpoint: Checkpoint, signer: Signer): string {
  if (checkpoint.origin !== signer.name) throw new Error('a checkpoint is signed by the key named after its origin');
  const body = checkpointBody(checkpoint);
  const signature = sign(null, Buffer.from(body), signer.privateKey);
  return `${body}\n— ${signer.name} ${Buffer.concat([signer.keyId, signature]).toString('base64')}\n`;
}

/** A verifier key string read back. */
export function parseVerifierKey(text: string): Pick<Signer, 'name' | 'keyId' | 'publicKey'> & { key: KeyObject } {
  const parts = fields(text, 3);
  const raw = Buffer.from(parts[2] ?? '', 'base64');
  if (parts.length !== 3 || raw.length !== 33 || raw[0] !== ED25519)
    throw new Error('not an Ed25519 verifier key (<name>+<key id>+<base64>)');
  const publicKey = raw.subarray(1);
  if (keyIdOf(parts[0], publicKey).toString('hex') !== parts[1]) throw new Error('the verifier key is damaged');
  const key = createPublicKey({ key: Buffer.concat([SPKI_PREFIX, publicKey]), format: 'der', type: 'spki' });
  return { name: parts[0], keyId: Buffer.from(parts[1], 'hex'), publicKey, key };
}

/** A signed checkpoint read and checked against a verifier key; a one-line error says why not. */
export function openCheckpoint(note: string, verifier: string): Checkpoint {
  const key = parseVerifierKey(verifier);
  const split = note.indexOf('\n\n');
  if (split < 0) throw new Error('not a signed note: no blank line before its signatures');
  const body = note.slice(0, split + 1);
  const lines = body.slice(0, -1).split('\n');
  const signatures = note
    .slice(split + 2)
    .split('\n')
    .filter(Boolean);
  const signed = signatures.some((line) => {
    const match = /^— (\S+) (\S+)$/.exec(line);
    if (!match || match[1] !== key.name) return false;
    const raw = Buffer.from(match[2], 'base64');
    return raw.subarray(0, 4).equals(key.keyId) && verify(null, Buffer.from(body), key.key, raw.subarray(4));
  });
  if (!signed) throw new Error(`the checkpoint carries no valid signature of ${key.name}`);
  const [origin, size, root, ...extensions] = lines;
  const extension = (name: string) => extensions.find((line) => line.startsWith(`${name} `))?.slice(name.length + 1);
  if (!/^[0-9]+$/.test(size ?? '') || Buffer.from(root ?? '', 'base64').length !== 32)
    throw new Error('not a tlog checkpoint: origin, size and root hash expected');
  if (origin !== key.name) throw new Error(`the checkpoint is of ${origin}, the key of ${key.name}`);
  return {
    origin,
    size: BigInt(size),
    root: Buffer.from(root, 'base64'),
    position: BigInt(extension('position') ?? '0'),
    recordedAt: extension('recorded-at') ?? '',
  };
}
