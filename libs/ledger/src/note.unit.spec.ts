import {
  generateSigningKey,
  openCheckpoint,
  parseSigningKey,
  parseVerifierKey,
  signCheckpoint,
  verifierKey,
} from './note';

const checkpoint = {
  origin: 'example.com/support-ops',
  size: 42n,
  root: Buffer.alloc(32, 7),
  position: 1234n,
  recordedAt: '2026-12-07T10:00:00.000Z',
};

describe('checkpoints as signed notes', () => {
  const signer = parseSigningKey(generateSigningKey(checkpoint.origin));
  const key = verifierKey(signer);

  it('writes the C2SP checkpoint body and one Ed25519 signature line, and reads it back', () => {
    const note = signCheckpoint(checkpoint, signer);
    const [body, signature] = note.split('\n\n');
    expect(body.split('\n')).toEqual([
      'example.com/support-ops',
      '42',
      Buffer.alloc(32, 7).toString('base64'),
      'position 1234',
      'recorded-at 2026-12-07T10:00:00.000Z',
    ]);
    expect(signature).toMatch(/^— example\.com\/support-ops [A-Za-z0-9+/]{91}=\n$/);
    expect(openCheckpoint(note, key)).toEqual(checkpoint);
    expect(key).toMatch(/^example\.com\/support-ops\+[0-9a-f]{8}\+[A-Za-z0-9+/]{44}$/);
    expect(parseVerifierKey(key).publicKey.equals(signer.publicKey)).toBe(true);
  });

  it('refuses a note whose body was changed, signed by another key, or not a note at all', () => {
    const note = signCheckpoint(checkpoint, signer);
    expect(() => openCheckpoint(note.replace('\n42\n', '\n43\n'), key)).toThrow('no valid signature');
    const other = parseSigningKey(generateSigningKey(checkpoint.origin));
    expect(() => openCheckpoint(signCheckpoint(checkpoint, other), key)).toThrow('no valid signature');
    expect(() => openCheckpoint('hello', key)).toThrow('not a signed note');
    expect(() => openCheckpoint(note, 'nonsense')).toThrow('verifier key');
  });

  it('reads back the private key it writes, and names what is wrong with one that is not', () => {
    const text = generateSigningKey('log.example');
    expect(text).toMatch(/^PRIVATE\+KEY\+log\.example\+[0-9a-f]{8}\+[A-Za-z0-9+/]{44}$/);
    expect(verifierKey(parseSigningKey(text))).toBe(verifierKey(parseSigningKey(text)));
    expect(() => parseSigningKey('PRIVATE+KEY+x+00000000+AAAA')).toThrow('CHECKPOINT_SIGNING_KEY');
    expect(() => parseSigningKey(text.replace(/\+[0-9a-f]{8}\+/, '+00000000+'))).toThrow('damaged');
  });
});
