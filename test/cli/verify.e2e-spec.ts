import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { killLeftoverProcesses, ROOT, runCli } from '../support/built-process';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

afterEach(killLeftoverProcesses);

/** `support-ops verify` and the offline recipe (README, "A tamper-evident log") on a seeded log. */
describe('a tamper-evident log', () => {
  let db: TestDatabase;
  const dir = mkdtempSync(join(tmpdir(), 'support-ops-verify-'));
  const python = async (file: string) =>
    promisify(execFile)('python3', [join(ROOT, 'tools/verify-log.py'), 'export', file]).then(
      ({ stdout }) => ({ code: 0, output: stdout }),
      (error: { code: number; stderr: string }) => ({ code: error.code, output: error.stderr }),
    );
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
  }, 120_000);
});
