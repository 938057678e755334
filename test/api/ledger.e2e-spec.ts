import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { EVENT_STORE, type EventStore, type RecordedEvent } from '../../libs/event-store/src';
import {
  checkLogAgainst,
  generateSigningKey,
  LedgerProofs,
  openCheckpoint,
  parseSigningKey,
  rootFromInclusion,
  signCheckpoint,
  TileReader,
  verifierKey,
  verifyConsistency,
  type Checkpoint,
} from '../../libs/ledger/src';
import { storedEventStore } from '../../libs/privacy/src';
import { bearer, KEYS, seedAccount, startApi, ticketOnAcme, type ApiHarness } from '../support/api-app';
import { ROOT } from '../support/built-process';
import { insider, type Insider } from '../support/insider';
import { testPython } from '../support/python-tools';
import { readTopics } from '../messaging/kafka-consumer';

/**
 * The audit trail an insider cannot rewrite unseen (docs/audit.md): the
 * ledger role's signed checkpoints and proofs, and every attack of whoever can write to the store,
 * each named by the product's check of the log against an earlier checkpoint and by the
 * independent verifier (tools/verify-log.py, Python, sharing no code with the product) given an
 * account's proof bundle. On both stores.
 */
const SIGNING_KEY = generateSigningKey('test.example/support-ops');
const KEY = verifierKey(parseSigningKey(SIGNING_KEY));
const writer = bearer(KEYS.writer);
const admin = bearer(KEYS.admin);
const dir = mkdtempSync(join(tmpdir(), 'support-ops-ledger-'));
const PREFIX = `l${randomUUID().slice(0, 8)}`;

let api: ApiHarness;
let proofs: LedgerProofs;
let stored: EventStore;
let trusted: Checkpoint;
const trustedFile = join(dir, 'trusted.checkpoint');

/** The independent verifier, run as an auditor runs it. */
async function auditor(...args: string[]): Promise<{ code: number; output: string }> {
  return promisify(execFile)(testPython(), [join(ROOT, 'tools/verify-log.py'), ...args]).then(
    ({ stdout }) => ({ code: 0, output: stdout }),
    (error: { code: number; stderr: string }) => ({ code: error.code, output: error.stderr }),
  );
}

/** Waits until the ledger has signed a checkpoint of the whole log, and returns it. */
async function signedAtHead(): Promise<{ checkpoint: Checkpoint; note: string }> {
  const events = await api.eventCount();
  for (const deadline = Date.now() + 30_000; ; await new Promise((resolve) => setTimeout(resolve, 100))) {
    const answer = await api.http().get('/v1/ledger/checkpoint').set(writer);
    if (answer.status === 200 && Number(answer.body.size) === events)
      return { checkpoint: openCheckpoint(answer.body.note, KEY), note: answer.body.note };
    if (Date.now() > deadline) throw new Error(`no checkpoint of the ${events} events: ${JSON.stringify(answer.body)}`);
  }
}

/** Writes acme's proof bundle as the prover does, consistent with the trusted checkpoint. */
async function bundleFile(name: string): Promise<string> {
  const bundle = await proofs.accountBundle('acme', {}, null, trusted.size);
  const file = join(dir, name);
  writeFileSync(file, JSON.stringify(bundle));
  return file;
}

beforeAll(async () => {
  api = await startApi({
    ROLES: 'api,projector,ledger',
    CHECKPOINT_SIGNING_KEY: SIGNING_KEY,
    CHECKPOINT_EVERY_EVENTS: '1000000',
    CHECKPOINT_INTERVAL_MS: '200',
    CHECKPOINT_DIR: join(dir, 'checkpoints'),
    PROJECTION_LEADER_POLL_MS: '200',
    KAFKA_BROKERS: process.env.TEST_KAFKA_BROKERS as string,
    KAFKA_TOPIC_PREFIX: PREFIX,
  });
  proofs = api.app.get(LedgerProofs);
  stored = storedEventStore(api.app.get<EventStore>(EVENT_STORE));
  await seedAccount(api);
  for (const id of ['t1', 't2']) {
    await api.http().post('/v1/tickets').set(writer).send(ticketOnAcme(id)).expect(201);
    await api
      .http()
      .post(`/v1/tickets/${id}/notes`)
      .set(writer)
      .send({ authorId: 'a1', body: `Looked at ${id}` })
      .expect(200);
    await api
      .http()
      .post(`/v1/tickets/${id}/replies`)
      .set(writer)
      .send({ author: { kind: 'agent', id: 'a1' }, public: true, body: 'On it' })
      .expect(200);
  }
  await api.http().post('/v1/accounts/acme/owner').set(writer).send({ ownerId: 'am-2' }).expect(200);
  await api.http().post('/v1/accounts/acme/nps').set(writer).send({ score: 9 }).expect(200);
  const signed = await signedAtHead();
  trusted = signed.checkpoint;
  writeFileSync(trustedFile, signed.note);
  // The API answers with a checkpoint once it is recorded; its file in the directory follows it.
  const published = join(dir, 'checkpoints', trusted.size.toString().padStart(20, '0'));
  for (const deadline = Date.now() + 30_000; !existsSync(published); await new Promise((r) => setTimeout(r, 50)))
    if (Date.now() > deadline) throw new Error(`checkpoint ${trusted.size} was not published to ${published}`);
}, 120_000);

afterAll(async () => {
  await api.close();
  rmSync(dir, { recursive: true, force: true });
});

const logEvents = () => api.storedLog();

it('signs checkpoints of the whole log into the directory, and proves events, growth and an account', async () => {
  // What a witness copies: the checkpoints' own files, not one being written.
  const published = readdirSync(join(dir, 'checkpoints'))
    .filter((name) => /^[0-9]{20}$/.test(name))
    .sort();
  expect(readFileSync(join(dir, 'checkpoints', published.at(-1)!), 'utf8')).toBe(readFileSync(trustedFile, 'utf8'));
  expect(published.at(-1)).toBe(trusted.size.toString().padStart(20, '0'));

  const events = await logEvents();
  for (const event of [events[0], events[5], events.at(-1)!]) {
    const byPosition = await api
      .http()
      .get(`/v1/ledger/proofs/inclusion?position=${event.position}`)
      .set(writer)
      .expect(200);
    const byId = await api.http().get(`/v1/ledger/proofs/inclusion?eventId=${event.eventId}`).set(writer).expect(200);
    expect(byId.body).toEqual(byPosition.body);
    const { leafIndex, treeSize, leafHash, proof } = byPosition.body;
    const root = rootFromInclusion(
      BigInt(leafIndex),
      BigInt(treeSize),
      Buffer.from(leafHash, 'base64'),
      proof.map((hash: string) => Buffer.from(hash, 'base64')),
    );
    expect(root?.equals(trusted.root)).toBe(true);
  }

  await api.http().post('/v1/accounts/acme/nps').set(writer).send({ score: 10 }).expect(200);
  const grown = await signedAtHead();
  const answer = await api.http().get(`/v1/ledger/proofs/consistency?from=${trusted.size}`).set(writer).expect(200);
  const proof = answer.body.proof.map((hash: string) => Buffer.from(hash, 'base64'));
  expect(verifyConsistency(trusted.size, grown.checkpoint.size, trusted.root, grown.checkpoint.root, proof)).toBe(true);
  writeFileSync(join(dir, 'grown.checkpoint'), grown.note);
  writeFileSync(join(dir, 'consistency.json'), JSON.stringify(answer.body));
  expect(
    await auditor(
      'checkpoints',
      trustedFile,
      join(dir, 'grown.checkpoint'),
      '--key',
      KEY,
      '--proof',
      join(dir, 'consistency.json'),
    ),
  ).toEqual({ code: 0, output: expect.stringContaining(`extends the one of ${trusted.size}`) });

  // Witnesses and auditors take every checkpoint from its topic too, once, in order of size.
  const reader = await readTopics(process.env.TEST_KAFKA_BROKERS as string, [`${PREFIX}.checkpoints`]);
  const topic = await reader.until(2);
  await reader.stop();
  expect(topic.map((message) => message.value).slice(-2)).toEqual([readFileSync(trustedFile, 'utf8'), grown.note]);
  expect(topic.map((message) => Number(message.headers['tree-size']))).toEqual(
    [...topic.map((message) => Number(message.headers['tree-size']))].sort((a, b) => a - b),
  );

  const verified = await auditor('bundle', await bundleFile('acme.json'), '--key', KEY, '--trusted', trustedFile);
  expect(verified).toEqual({ code: 0, output: expect.stringMatching(/^ok: account acme: \d+ events of 3 streams/) });
  expect((await checkLogAgainst(stored, new TileReader(api.db.pool), trusted)).matches).toBe(true);
});

it('refuses what is not a proof request: unknown events 404, sizes beyond the tree 400 naming them', async () => {
  const size = (await proofs.size()).toString();
  const unknown = await api.http().get('/v1/ledger/proofs/inclusion?position=1').set(writer);
  expect([unknown.status, unknown.body.code]).toEqual([404, 'event_not_in_ledger']);
  const id = await api
    .http()
    .get('/v1/ledger/proofs/inclusion?eventId=00000000-0000-4000-8000-000000000000')
    .set(writer);
  expect(id.status).toBe(404);
  for (const [path, field] of [
    [
      `/v1/ledger/proofs/inclusion?position=${(await logEvents())[0].position}&treeSize=${BigInt(size) + 1n}`,
      'treeSize',
    ],
    [`/v1/ledger/proofs/consistency?from=${BigInt(size) + 1n}`, 'from'],
    [`/v1/ledger/proofs/consistency?from=2&to=${BigInt(size) + 5n}`, 'to'],
    ['/v1/ledger/proofs/inclusion', 'position'],
  ]) {
    const answer = await api.http().get(path).set(writer);
    expect([path, answer.status, answer.body.details?.errors?.[0]?.field]).toEqual([path, 400, field]);
  }
});

/** Each attack, and the event each verifier must name: the product's (the log's first leaf that differs) and the auditor's (in acme's bundle). */
const ATTACKS: Array<
  [
    string,
    (insider: Insider, events: RecordedEvent[]) => Promise<void>,
    (events: RecordedEvent[]) => [string, string[]],
  ]
> = [
  [
    'an event edited and its stream re-chained',
    (who, events) => who.editAndRechain(noteOf(events, 't1').eventId, { body: 'Nothing happened' }),
    (events) => [noteOf(events, 't1').eventId, [noteOf(events, 't1').eventId]],
  ],
  [
    'a whole stream deleted',
    (who) => who.deleteStream('ticket-t1'),
    (events) => {
      const after = afterStream(events, 'ticket-t1');
      return [after.eventId, [after.eventId]];
    },
  ],
  [
    "a stream's tail cut",
    (who) => who.cutTail('ticket-t1'),
    (events) => {
      const cut = events.filter((event) => event.streamId === 'ticket-t1').at(-1)!;
      const next = events.find((event) => event.position > cut.position)!;
      const nextOfAcme = events.find((event) => event.position > cut.position && event.metadata.accountId === 'acme')!;
      return [next.eventId, [nextOfAcme.eventId]];
    },
  ],
  [
    'a recorded time shifted',
    (who, events) => who.shiftRecordedTime(noteOf(events, 't2').eventId, -3_600_000),
    (events) => [noteOf(events, 't2').eventId, [noteOf(events, 't2').eventId]],
  ],
  [
    "two events' positions swapped",
    (who, events) => who.swapPositions(noteOf(events, 't1').eventId, noteOf(events, 't2').eventId),
    // The note of t2 now sits where t1's was, first in log order.
    (events) => [noteOf(events, 't2').eventId, [noteOf(events, 't1').eventId, noteOf(events, 't2').eventId]],
  ],
];

/** `ledger rebuild`, and the wait until the ledger has built the tree of the whole log again. */
async function rebuildTree(events: number): Promise<void> {
  await api.db.pool.query('TRUNCATE ledger.tiles, ledger.state, ledger.accounts, ledger.event_ids');
  await new Promise((resolve) => setTimeout(resolve, 100));
  for (const deadline = Date.now() + 30_000; (await proofs.size()) < BigInt(events);) {
    if (Date.now() > deadline) throw new Error('the ledger did not build its tree again');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

const noteOf = (events: RecordedEvent[], ticketId: string) =>
  events.find((event) => event.streamId === `ticket-${ticketId}` && event.type === 'NoteAdded')!;
const afterStream = (events: RecordedEvent[], streamId: string) => {
  const first = events.find((event) => event.streamId === streamId)!;
  return events.find((event) => event.position > first.position && event.streamId !== streamId)!;
};

it.each(ATTACKS)(
  '%s: named by the check against a checkpoint and by the independent verifier',
  async (_name, attack, named) => {
    const events = await logEvents();
    const [productNames, auditorNames] = named(events);
    const who = await insider(api.db);
    await attack(who, events);
    try {
      const check = await checkLogAgainst(stored, new TileReader(api.db.pool), trusted);
      expect([check.matches, check.firstDifference?.event?.eventId, check.firstDifference?.ledgerAuthentic]).toEqual([
        false,
        productNames,
        true,
      ]);
      const refused = await auditor(
        'bundle',
        await bundleFile('attacked.json'),
        '--key',
        KEY,
        '--trusted',
        trustedFile,
      );
      expect(refused.code).toBe(1);
      expect(auditorNames.some((eventId) => refused.output.includes(`event ${eventId}`))).toBe(true);
    } finally {
      await who.restore();
    }
    expect((await checkLogAgainst(stored, new TileReader(api.db.pool), trusted)).matches).toBe(true);
  },
);

it('an erasure leaves every proof valid, and rebuilding the tree changes nothing', async () => {
  await api
    .http()
    .post('/v1/accounts/acme/contacts/ada/erasure')
    .set(admin)
    .send({ reason: 'GDPR request 7' })
    .expect(200);
  await signedAtHead();
  expect(await auditor('bundle', await bundleFile('erased.json'), '--key', KEY, '--trusted', trustedFile)).toEqual({
    code: 0,
    output: expect.stringMatching(/^ok: account acme/),
  });
  await rebuildTree(await api.eventCount());
  await api.http().post('/v1/accounts/acme/nps').set(writer).send({ score: 8 }).expect(200);
  const rebuilt = await signedAtHead();
  const proof = await proofs.consistency(trusted.size, rebuilt.checkpoint.size);
  expect(verifyConsistency(trusted.size, rebuilt.checkpoint.size, trusted.root, rebuilt.checkpoint.root, proof)).toBe(
    true,
  );
  expect((await checkLogAgainst(stored, new TileReader(api.db.pool), trusted)).matches).toBe(true);
});

it('a forked log: a tree that contradicts a published checkpoint is never signed, and the verifier names both forks', async () => {
  const signer = parseSigningKey(SIGNING_KEY);
  const sameSize = signCheckpoint({ ...trusted, root: Buffer.alloc(32, 1) }, signer);
  writeFileSync(join(dir, 'fork.checkpoint'), sameSize);
  const fork = await auditor('checkpoints', trustedFile, join(dir, 'fork.checkpoint'), '--key', KEY);
  expect([fork.code, fork.output]).toEqual([
    1,
    expect.stringContaining(`fork: two different trees of ${trusted.size} events`),
  ]);

  const events = await logEvents();
  const signedBefore = (await proofs.latestCheckpoint())!.size;
  const who = await insider(api.db);
  await who.editAndRechain(noteOf(events, 't1').eventId, { body: 'Nothing happened' });
  await api.db.pool.query('TRUNCATE ledger.tiles, ledger.state, ledger.accounts, ledger.event_ids');
  for (const deadline = Date.now() + 30_000; (await proofs.size()) < BigInt(events.length);) {
    if (Date.now() > deadline) throw new Error('the ledger did not rebuild its tree');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  // The role halts when it next compares the grown tree with what it published: wait for that round.
  let ready = await api.http().get('/ready');
  for (const deadline = Date.now() + 30_000; ready.status !== 503 && Date.now() < deadline;)
    ready = await new Promise((resolve) => setTimeout(resolve, 100)).then(() => api.http().get('/ready'));
  expect([ready.status, JSON.stringify(ready.body)]).toEqual([
    503,
    expect.stringContaining('no longer has the root checkpoint'),
  ]);
  expect((await proofs.latestCheckpoint())!.size).toBe(signedBefore);

  const size = await proofs.size();
  const rewritten = signCheckpoint({ ...trusted, size, root: await proofs.reader().range(0n, size) }, signer);
  writeFileSync(join(dir, 'rewritten.checkpoint'), rewritten);
  const answer = await api
    .http()
    .get(`/v1/ledger/proofs/consistency?from=${trusted.size}&to=${size}`)
    .set(writer)
    .expect(200);
  writeFileSync(join(dir, 'rewritten.json'), JSON.stringify(answer.body));
  const refused = await auditor(
    'checkpoints',
    trustedFile,
    join(dir, 'rewritten.checkpoint'),
    '--key',
    KEY,
    '--proof',
    join(dir, 'rewritten.json'),
  );
  expect([refused.code, refused.output]).toEqual([1, expect.stringContaining('the log was rewritten')]);
});
