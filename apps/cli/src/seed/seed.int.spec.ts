import { Test } from '@nestjs/testing';
import { EVENT_STORE, type EventStore } from '@app/event-store';
import { createTestDatabase, type TestDatabase } from '../../../../test/support/test-database';
import { CliModule } from '../cli.module';
import { SeedCommand } from './seed.command';

describe('support-ops seed', () => {
  let db: TestDatabase;
  let close: () => Promise<void>;
  let seed: SeedCommand;
  let store: EventStore;
  const flags = { seed: 5, accounts: 8, from: '2025-11-01', days: 90, concurrency: 8 };

  beforeAll(async () => {
    db = await createTestDatabase(8);
    Object.assign(process.env, { ...db.env, LOG_LEVEL: 'silent' });
    const app = await Test.createTestingModule({ imports: [CliModule] }).compile();
    await app.init();
    seed = app.get(SeedCommand);
    store = app.get(EVENT_STORE);
    close = () => app.close();
    jest.spyOn(process.stdout, 'write').mockImplementation(() => true);
  });

  afterAll(async () => {
    await close();
    await db.drop();
  });

  /**
   * The log of one run with the prefixes and the ids the handlers generate taken out. Tickets of the
   * second run match the first run's policies (first policy for the tier wins, and they are equal),
   * so every run's prefix is normalised.
   */
  async function history(prefix: string) {
    const rows: object[] = [];
    // Through the store: personal data is sealed with random IVs, so the stored bytes differ run to run.
    const { rows: streams } = await db.pool.query<{ stream_id: string }>(
      `SELECT DISTINCT stream_id FROM event_store.events WHERE stream_id LIKE '%' || $1 || '-%' ORDER BY stream_id`,
      [prefix],
    );
    for (const { stream_id } of streams)
      for (const event of await store.readStream(stream_id)) {
        const { replyId: _reply, noteId: _note, ...data } = event.data as Record<string, unknown>;
        rows.push({
          stream_id,
          revision: event.revision.toString(),
          type: event.type,
          data,
          occurred_at: event.metadata.occurredAt,
        });
      }
    return JSON.parse(JSON.stringify(rows).replace(/\brun[ab]-/g, 'run-'));
  }

  it('records the same history through the command side for the same seed, refusing nothing', async () => {
    await seed.run([], { ...flags, prefix: 'runa' });
    await seed.run([], { ...flags, prefix: 'runb' });
    const [a, b] = [await history('runa'), await history('runb')];
    expect(a.length).toBeGreaterThan(300);
    expect(b).toEqual(a);
    const types = new Set(a.map((event: { type: string }) => event.type));
    for (const type of [
      'CalendarDefined',
      'SlaPolicyDefined',
      'AccountOnboarded',
      'ContactAdded',
      'TicketOpened',
      'SlaApplied',
      'ReplyAdded',
      'SlaTargetEnded',
      'TicketStatusChanged',
      'CsatRated',
    ]) {
      expect([type, types.has(type)]).toEqual([type, true]);
    }
    // Events carry the simulated instants, not the time of the run.
    expect(
      a.every(
        (event: { occurred_at: string }) => event.occurred_at >= '2025-10-31' && event.occurred_at < '2026-01-30',
      ),
    ).toBe(true);
  });

  it('refuses to seed over an existing history with the same prefix', async () => {
    await expect(seed.run([], { ...flags, prefix: 'runa' })).rejects.toThrow(
      "already holds a history with prefix 'runa'",
    );
  });
});
