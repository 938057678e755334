import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { parseSigningKey, verifierKey } from '../../libs/ledger/src';
import { killLeftoverProcesses, ROOT, runCli } from '../support/built-process';
import { testPython } from '../support/python-tools';
import { createTestDatabase, type TestDatabase } from '../support/test-database';
import { TEST_SIGNING_KEY } from '../support/test-event-store';
import { WorkerProcesses } from '../support/worker-processes';

afterEach(killLeftoverProcesses);

/** The worker signs with the test processes' key (its settings come with the test database's). */
const KEY = verifierKey(parseSigningKey(TEST_SIGNING_KEY));

/** `support-ops verify` and the offline recipe (docs/architecture.md, "A tamper-evident log") on a seeded log. */
describe('a tamper-evident log', () => {
  let db: TestDatabase;
  const dir = mkdtempSync(join(tmpdir(), 'support-ops-verify-'));
  const python = async (file: string) =>
    promisify(execFile)('python3', [join(ROOT, 'tools/verify-log.py'), 'export', file]).then(
      ({ stdout }) => ({ code: 0, output: stdout }),
      (error: { code: number; stderr: string }) => ({ code: error.code, output: error.stderr }),
    );
  const auditor = async (...args: string[]) =>
    promisify(execFile)(testPython(), [join(ROOT, 'tools/verify-log.py'), ...args]).then(
      ({ stdout }) => ({ code: 0, output: stdout }),
      (error: { code: number; stderr: string }) => ({ code: error.code, output: error.stderr }),
    );
  const workers = new WorkerProcesses(() => db.env);
  const exportTo = async (name: string, args: string[] = []) => {
    const exported = await runCli(['export', 'events', ...args], db.env);
    expect(exported.code).toBe(0);
    writeFileSync(join(dir, name), exported.stdout);
    return join(dir, name);
  };

  beforeAll(async () => {
    db = await createTestDatabase(4);
    const seeded = await runCli(['seed', '--accounts', '2', '--days', '15', '--prefix', 'v'], db.env);
    expect(seeded.code).toBe(0);
  }, 120_000);

  afterAll(async () => {
    workers.killAll();
    await db.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('verifies the whole log and one account, and an export offline with Python alone', async () => {
    const verified = await runCli(['verify'], db.env);
    expect(verified.code).toBe(0);
    const report = JSON.parse(verified.stdout);
    const { rows } = await db.pool.query<{ count: number }>('SELECT count(*)::int AS count FROM event_store.events');
    expect(report).toMatchObject({ verified: true, events: rows[0].count, sealed: rows[0].count, broken: null });
    expect((await runCli(['verify', '--account', 'v-a0001'], db.env)).code).toBe(0);

    const whole = await python(await exportTo('whole.ndjson'));
    expect(whole).toEqual({ code: 0, output: expect.stringMatching(/^ok: \d+ events/) });
    expect((await python(await exportTo('account.ndjson', ['--account', 'v-a0001']))).code).toBe(0);
  }, 120_000);

  it('proves an account with the built CLI as an auditor runs it, and checks the log against a checkpoint', async () => {
    const { rows: count } = await db.pool.query<{ n: string }>('SELECT count(*) AS n FROM event_store.events');
    workers.start({ ROLES: 'ledger', CHECKPOINT_INTERVAL_MS: '200' });
    let note = '';
    for (const deadline = Date.now() + 60_000; !note; await new Promise((resolve) => setTimeout(resolve, 200))) {
      const { rows } = await db.pool
        .query<{ note: string }>('SELECT note FROM ledger.checkpoints WHERE size = $1', [count[0].n])
        .catch(() => ({ rows: [] as Array<{ note: string }> }));
      note = rows[0]?.note ?? '';
      if (Date.now() > deadline) throw new Error('the ledger signed no checkpoint of the seeded log');
    }
    writeFileSync(join(dir, 'trusted.checkpoint'), note);

    const status = await runCli(['ledger', 'status'], db.env);
    expect(JSON.parse(status.stdout)).toMatchObject({ size: count[0].n, lag: { events: 0 }, verifierKey: KEY });
    const proved = await runCli(['prove', '--account', 'v-a0001', '--out', join(dir, 'v-a0001.json')], db.env);
    expect([proved.code, JSON.parse(proved.stdout)]).toEqual([0, expect.objectContaining({ account: 'v-a0001' })]);
    expect(
      await auditor('bundle', join(dir, 'v-a0001.json'), '--key', KEY, '--trusted', join(dir, 'trusted.checkpoint')),
    ).toEqual({
      code: 0,
      output: expect.stringMatching(/^ok: account v-a0001: \d+ events/),
    });
    const against = await runCli(['verify', '--against', join(dir, 'trusted.checkpoint'), '--key', KEY], db.env);
    expect([against.code, JSON.parse(against.stdout)]).toEqual([0, expect.objectContaining({ verified: true })]);

    const keys = await runCli(['keys', 'checkpoint', '--origin', 'audit.example/log'], {});
    expect(JSON.parse(keys.stdout)).toEqual({
      checkpointSigningKey: expect.stringMatching(/^PRIVATE\+KEY\+audit\.example\/log\+/),
      verifierKey: expect.stringMatching(/^audit\.example\/log\+[0-9a-f]{8}\+/),
    });
    writeFileSync(join(dir, 'not-a-checkpoint'), 'hello\n');
    for (const args of [
      ['verify', '--against', join(dir, 'not-a-checkpoint'), '--key', KEY],
      ['verify', '--against', join(dir, 'missing.checkpoint')],
      ['prove', '--account', 'v-a0001', '--out', join(dir, 'x.json'), '--since', join(dir, 'not-a-checkpoint')],
    ]) {
      const refused = await runCli(args, db.env);
      expect([args[0], refused.code, refused.stderr.trim().split('\n').length]).toEqual([args[0], 1, 1]);
      expect(refused.stderr).not.toMatch(/\n\s+at /);
    }
    const notABundle = await auditor('bundle', join(dir, 'not-a-checkpoint'), '--key', KEY);
    expect([notABundle.code, notABundle.output.trim().split('\n').length]).toEqual([2, 1]);
  }, 180_000);

  it('names the first event whose stored bytes were changed, in the database and in an export', async () => {
    const { rows } = await db.pool.query<{ event_id: string; stream_id: string }>(
      `SELECT event_id, stream_id FROM event_store.events WHERE type = 'ReplyAdded' ORDER BY position LIMIT 1`,
    );
    const [{ event_id: eventId, stream_id: streamId }] = rows;
    await db.pool.query(`UPDATE event_store.events SET data = data || '{"public": false}' WHERE event_id = $1`, [
      eventId,
    ]);

    const verified = await runCli(['verify'], db.env);
    expect(verified.code).toBe(1);
    expect(JSON.parse(verified.stdout)).toMatchObject({
      verified: false,
      broken: { kind: 'hash_mismatch', eventId, streamId },
    });
    expect(verified.stderr).toContain(`the log was altered at event ${eventId}`);
    const account = (
      await db.pool.query(`SELECT data->>'accountId' AS id FROM event_store.events WHERE event_id = $1`, [eventId])
    ).rows[0].id;
    expect((await runCli(['verify', '--account', account], db.env)).code).toBe(1);

    const offline = await python(await exportTo('altered.ndjson'));
    expect(offline.code).toBe(1);
    expect(offline.output).toContain(`event ${eventId} (${streamId}`);

    // The hash chain passes once the insider computes it again: the checkpoint taken before does not.
    const against = await runCli(['verify', '--against', join(dir, 'trusted.checkpoint'), '--key', KEY], db.env);
    expect([against.code, JSON.parse(against.stdout).firstDifference.event.eventId]).toEqual([1, eventId]);
    expect(against.stderr).toContain(`event ${eventId}`);
  }, 120_000);
});
