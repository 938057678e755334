import { Test } from '@nestjs/testing';
import { RelayForwardRefusedError, resetCheckpoint } from '@app/messaging';
import { createTestDatabase, type TestDatabase } from '../../../../test/support/test-database';
import { CliModule } from '../cli.module';
import { ProjectionsRebuildCommand } from '../projections/projections.command';
import { RelayResetCommand, RelayStatusCommand } from '../relay/relay.command';
import { ReplayAccountCommand } from '../replay/replay.command';
import { SeedCommand } from '../seed/seed.command';
import { ExportEventsCommand } from './export.command';

describe('operator commands on a seeded history', () => {
  let db: TestDatabase;
  let close: () => Promise<void>;
  let output = '';
  let app: Awaited<ReturnType<ReturnType<typeof Test.createTestingModule>['compile']>>;
  const captured = async (run: () => Promise<void>) => {
    output = '';
    await run();
    return output;
  };

  beforeAll(async () => {
    db = await createTestDatabase(8);
    Object.assign(process.env, { ...db.env, LOG_LEVEL: 'silent' });
    app = await Test.createTestingModule({ imports: [CliModule] }).compile();
    await app.init();
    close = () => app.close();
    jest.spyOn(process.stdout, 'write').mockImplementation((chunk) => ((output += String(chunk)), true));
    jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
    await app
      .get(SeedCommand)
      .run([], { seed: 3, accounts: 4, from: '2026-03-01', days: 30, prefix: 'ops', concurrency: 8 });
  });

  afterAll(async () => {
    jest.restoreAllMocks();
    await close();
    await db.drop();
  });

  it('exports the log as NDJSON in position order, by range and type', async () => {
    const all = (await captured(() => app.get(ExportEventsCommand).run([], {})))
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    const { rows } = await db.pool.query('SELECT count(*)::int AS n FROM event_store.events');
    expect(all).toHaveLength(rows[0].n);
    expect(all.every((event, i) => i === 0 || BigInt(all[i - 1].position) < BigInt(event.position))).toBe(true);
    expect(all[0]).toEqual({
      position: expect.any(String),
      eventId: expect.any(String),
      streamId: expect.stringMatching(/^calendar-ops-/),
      revision: 0,
      type: 'CalendarDefined',
      recordedAt: expect.any(String),
      data: expect.any(Object),
      metadata: expect.objectContaining({ source: 'support-ops/seed' }),
      hash: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
    // Events with personal data carry it as stored too (what the hash covers), sealed.
    const contact = all.find((event) => event.type === 'ContactAdded');
    expect(contact.data.email).toMatch(/@/);
    expect(contact.storedData).toEqual(expect.objectContaining({ $pii: expect.any(Object) }));
    expect(JSON.stringify(contact.storedData)).not.toContain(contact.data.email);

    const [from, to] = [BigInt(all[10].position), BigInt(all[19].position)];
    const range = (await captured(() => app.get(ExportEventsCommand).run([], { fromPosition: from, toPosition: to })))
      .trim()
      .split('\n');
    expect(range.map((line) => JSON.parse(line).position)).toEqual(all.slice(10, 20).map((event) => event.position));
    const opened = (await captured(() => app.get(ExportEventsCommand).run([], { types: ['TicketOpened'] })))
      .trim()
      .split('\n');
    expect(opened.length).toBe(all.filter((event) => event.type === 'TicketOpened').length);
  });

  it("replays an account's history from the log, as of a position", async () => {
    const lines = (await captured(() => app.get(ReplayAccountCommand).run(['ops-a0001'], {}))).trim().split('\n');
    expect(lines[0]).toMatch(/^\d+ {2}\S+ {2}system:simulator {2}account-ops-a0001@0 {2}Account .* onboarded as /);
    expect(lines.some((line) => line.includes('ticket-ops-t'))).toBe(true);
    const cut = lines[4].split(' ')[0];
    const asOf = (await captured(() => app.get(ReplayAccountCommand).run(['ops-a0001'], { asOf: cut })))
      .trim()
      .split('\n');
    expect(asOf).toEqual(lines.slice(0, 5));
    await expect(app.get(ReplayAccountCommand).run(['nobody'], {})).rejects.toThrow('no events for account nobody');
  });

  it('rebuilds every read model and swaps it in', async () => {
    await app.get(ProjectionsRebuildCommand).run([], { all: true });
    const { rows } = await db.pool.query('SELECT name, active_schema, position FROM projections.status ORDER BY name');
    const head = (await db.pool.query('SELECT max(position) AS p FROM event_store.events')).rows[0].p;
    expect(rows).toEqual(
      ['clock', 'queue', 'retention', 'sla', 'timeline'].map((name) => ({
        name,
        active_schema: `rm_${name}_2`,
        position: head,
      })),
    );
    const { rows: entries } = await db.pool.query('SELECT count(*)::int AS n FROM rm_timeline_2.entries');
    expect(entries[0].n).toBeGreaterThan(100);
  });

  it('resets the relay checkpoint for a replay, recording who did it and why in the log', async () => {
    const head = BigInt((await db.pool.query('SELECT max(position) AS p FROM event_store.events')).rows[0].p);
    expect(JSON.parse(await captured(() => app.get(RelayStatusCommand).run()))).toMatchObject({
      relay: 'kafka',
      enabled: false,
      position: '0',
      lag: { events: expect.any(Number) },
    });
    await db.pool.query(
      `INSERT INTO messaging.relay (name, position) VALUES ('kafka', $1) ON CONFLICT (name) DO UPDATE SET position = $1`,
      [head.toString()],
    );
    expect(
      JSON.parse(
        await captured(() => app.get(RelayResetCommand).run([], { toPosition: 10n, reason: 'CRM lost a day' })),
      ),
    ).toEqual({ relay: 'kafka', from: head.toString(), to: '10' });
    const { rows } = await db.pool.query(
      `SELECT type, data, metadata FROM event_store.events WHERE stream_id = 'operations-relay-kafka'`,
    );
    expect(rows).toEqual([
      {
        type: 'RelayCheckpointReset',
        data: { relay: 'kafka', fromPosition: head.toString(), toPosition: '10', reason: 'CRM lost a day' },
        metadata: expect.objectContaining({
          actor: { kind: 'system', id: expect.stringMatching(/^cli:/) },
          source: 'support-ops/cli',
        }),
      },
    ]);
    expect(JSON.parse(await captured(() => app.get(RelayStatusCommand).run()))).toMatchObject({
      relay: 'kafka',
      position: '10',
    });
    await expect(app.get(RelayResetCommand).run([], { toPosition: 9_000_000_000_000_000_000n })).rejects.toThrow(
      'past the head of the log',
    );
  });

  it('refuses a reset that would move the checkpoint past events never produced, unless --forward, and records nothing when it refuses', async () => {
    const head = BigInt((await db.pool.query('SELECT max(position) AS p FROM event_store.events')).rows[0].p);
    await db.pool.query(`UPDATE messaging.relay SET position = 10 WHERE name = 'kafka'`);
    const audits = async () =>
      (
        await db.pool.query(
          `SELECT count(*)::int AS n FROM event_store.events WHERE stream_id = 'operations-relay-kafka'`,
        )
      ).rows[0].n;
    const before = await audits();
    await expect(app.get(RelayResetCommand).run([], { toPosition: head })).rejects.toThrow(
      `the relay's checkpoint is at 10: moving it to ${head} would skip events`,
    );
    expect(await audits()).toBe(before);
    expect(JSON.parse(await captured(() => app.get(RelayStatusCommand).run()))).toMatchObject({ position: '10' });
    await expect(resetCheckpoint(db.pool, 'kafka', head)).rejects.toThrow(RelayForwardRefusedError);
    expect(
      JSON.parse(
        await captured(() =>
          app.get(RelayResetCommand).run([], { toPosition: head, forward: true, reason: 'moved stores' }),
        ),
      ),
    ).toEqual({ relay: 'kafka', from: '10', to: head.toString() });
    expect(await audits()).toBe(before + 1);
  });
});
