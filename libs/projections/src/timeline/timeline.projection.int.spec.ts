import { randomUUID } from 'node:crypto';
import { KNOWN_EVENT_TYPES } from '@app/domain';
import { PostgresEventStore, type EventToAppend, type JsonObject, type RecordedEvent } from '@app/event-store';
import { inTransaction, runMigrations } from '@app/database';
import { buildFromScratch, dumpSchema } from '../../../../test/support/read-model-dump';
import { createTestDatabase, type TestDatabase } from '../../../../test/support/test-database';
import { qualified } from '../projection';
import { ensureProjection, migrateProjections, readStatus } from '../projection-store';
import { PROJECTION_MIGRATIONS } from '../projections.migrations';
import { Rebuilder } from '../rebuilder';
import { timelineProjection } from './timeline.projection';

describe('timeline projection', () => {
  let db: TestDatabase;
  const schema = 'rm_timeline_9998';

  beforeAll(async () => {
    db = await createTestDatabase(4);
    await db.pool.query(`CREATE SCHEMA ${schema}`);
    await db.pool.query(timelineProjection.setup(schema));
  });

  afterAll(async () => {
    await db.drop();
  });

  it('upgrading drops the stored summary of timelines built before summaries were made when read, and keeps their rows', async () => {
    await runMigrations(
      db.pool,
      'projections',
      PROJECTION_MIGRATIONS.filter((migration) => migration.version === 1),
    );
    const old = 'rm_timeline_9997';
    await db.pool.query(
      `CREATE SCHEMA ${old}; CREATE TABLE ${old}.entries (position bigint PRIMARY KEY, account_id text NOT NULL, summary text NOT NULL, data jsonb NOT NULL)`,
    );
    await db.pool.query(`INSERT INTO ${old}.entries VALUES (7, 'acme', 'Ticket t1 opened', '{}')`);
    await migrateProjections(db.pool);
    const { rows } = await db.pool.query(`SELECT * FROM ${old}.entries`);
    expect(rows).toEqual([{ position: '7', account_id: 'acme', data: {} }]);
  });

  it('keeps payloads with backslashes, tabs, newlines, quotes and Unicode exactly as they were', async () => {
    const body = 'C:\\\\logs\\new\ttab\nnewline\r\n"quoted" \\N Grüße 東京 😀';
    const event: RecordedEvent = {
      eventId: '00000000-0000-4000-8000-000000000001',
      type: 'NoteAdded',
      data: {
        ticketId: 't\\1',
        accountId: 'acme\t1',
        noteId: 'n1',
        authorId: 'a\\N',
        body,
        at: '2026-06-01T10:00:00.000Z',
      },
      metadata: { occurredAt: '2026-06-01T10:00:00.000Z', actor: { kind: 'agent', id: 'tab\tand\\slash' } },
      streamId: 'ticket-t\\1',
      revision: 3n,
      position: 42n,
      recordedAt: new Date('2026-06-01T10:00:01.000Z'),
    };
    await inTransaction(db.pool, (tx) => timelineProjection.apply(tx, schema, [event]));
    const { rows } = await db.pool.query(
      `SELECT position, account_id, stream_id, revision, type, actor, data FROM ${qualified(schema, 'entries')}`,
    );
    expect(rows).toEqual([
      {
        position: '42',
        account_id: 'acme\t1',
        stream_id: 'ticket-t\\1',
        revision: '3',
        type: 'NoteAdded',
        actor: { kind: 'agent', id: 'tab\tand\\slash' },
        data: event.data,
      },
    ]);
  });

  it('keeps sealed payloads sealed, and erases in place what entries written in the clear hold of an erased contact', async () => {
    const at = '2026-06-01T10:00:00.000Z';
    const recorded = (position: bigint, type: string, data: JsonObject, storedData?: JsonObject): RecordedEvent => ({
      eventId: randomUUID(),
      type,
      data,
      ...(storedData && { storedData }),
      metadata: { occurredAt: at },
      streamId: 'ticket-e1',
      revision: position,
      position: 100n + position,
      recordedAt: new Date(at),
    });
    const ticket = {
      ticketId: 'e1',
      accountId: 'erase',
      channel: 'email',
      priority: 'low',
      category: 'x',
      openedAt: at,
    };
    const sealed = { $pii: { key: randomUUID(), fields: ['subject', 'description'], box: 'AAAA' } };
    const events = [
      recorded(0n, 'TicketOpened', { ...ticket, contactId: 'ada', subject: 'Ada in the clear', description: 'd' }),
      recorded(
        1n,
        'TicketOpened',
        { ...ticket, contactId: 'ada', subject: 'Ada opened', description: 'd' },
        { ...ticket, contactId: 'ada', ...sealed },
      ),
      recorded(2n, 'TicketOpened', { ...ticket, contactId: 'bob', subject: 'Bob in the clear', description: 'd' }),
      recorded(3n, 'ContactErased', { accountId: 'erase', contactId: 'ada', reason: 'DSR', erasedBy: 'agent:dpo', at }),
      recorded(4n, 'TicketOpened', { ...ticket, contactId: 'ada', subject: 'Ada again', description: 'd' }),
    ];
    await inTransaction(db.pool, (tx) => timelineProjection.apply(tx, schema, events));
    const { rows } = await db.pool.query<{ data: JsonObject }>(
      `SELECT data FROM ${qualified(schema, 'entries')} WHERE account_id = 'erase' ORDER BY position`,
    );
    expect(rows.map((row) => row.data.subject ?? row.data.$pii)).toEqual([
      '[erased]',
      sealed.$pii,
      'Bob in the clear',
      undefined,
      'Ada again',
    ]);
  });

  it('rebuilt on the PostgreSQL log, copies inside the database exactly the rows applying the events read gives; upcast types come from the read', async () => {
    // Notes are upcast on read: their stored payload is not what readers see.
    const store = new PostgresEventStore(db.pool, {
      upcasters: [{ type: 'NoteAdded', fromVersion: 1, upcast: (data) => ({ ...(data as object), body: 'upcast' }) }],
    });
    await PostgresEventStore.migrate(db.pool);
    await migrateProjections(db.pool);
    await ensureProjection(db.pool, timelineProjection);
    const event = (type: string, data: JsonObject, metadata: JsonObject = {}): EventToAppend => ({
      eventId: randomUUID(),
      type,
      data,
      metadata,
    });
    await store.append(
      'calendar-c1',
      [event('CalendarDefined', { calendarId: 'c1', name: 'NYC' }, { occurredAt: '2026-01-01T00:00:00.000Z' })],
      'no_stream',
    );
    for (let i = 0; i < 7; i += 1) {
      const account = `acct-${i}`;
      const ticket = `tick-${i}`;
      await store.append(
        `account-${account}`,
        [
          event(
            'AccountOnboarded',
            {
              accountId: account,
              name: `A\t${i} "Ü"`,
              tier: 'growth',
              arr: { amountMinor: 100_000 * i, currency: 'USD' },
              renewalDate: '2027-01-01',
            },
            { occurredAt: '2026-01-02T09:00:00.123Z', actor: { kind: 'user', id: 'u\\1' } },
          ),
        ],
        'no_stream',
      );
      await store.append(
        `ticket-${ticket}`,
        [
          event(
            'TicketOpened',
            {
              ticketId: ticket,
              accountId: account,
              priority: 'high',
              channel: 'email',
              subject: 'Line\nbreak',
              openedAt: '2026-01-03T10:00:00.000Z',
            },
            { occurredAt: '2026-01-03T10:00:00.000Z' },
          ),
          event(
            'NoteAdded',
            {
              ticketId: ticket,
              accountId: account,
              noteId: `n${i}`,
              authorId: 'agent-1',
              body: 'stored',
              at: '2026-01-03T10:05:00.000Z',
            },
            { actor: null },
          ),
          event('TicketStatusChanged', {
            ticketId: ticket,
            accountId: account,
            from: 'new',
            to: 'open',
            at: '2026-01-03T10:06:00.000Z',
          }),
        ],
        'no_stream',
      );
    }
    const copied = jest.spyOn(timelineProjection, 'copyFromLog');
    const applied = jest.spyOn(timelineProjection, 'apply');
    const rebuilder = new Rebuilder(timelineProjection, store, db.pool, KNOWN_EVENT_TYPES, 5);
    await rebuilder.request();
    expect(await rebuilder.run()).toBe(true);

    expect(copied).toHaveBeenCalled();
    expect(applied.mock.calls.flatMap(([, , events]) => events.map((e) => e.type))).toEqual(Array(7).fill('NoteAdded'));
    const [status] = await readStatus(db.pool, 'timeline');
    await buildFromScratch(db.pool, store, timelineProjection, 'rm_timeline_9999', 4);
    const rebuilt = await dumpSchema(db.pool, status.active_schema);
    expect(rebuilt).toEqual(await dumpSchema(db.pool, 'rm_timeline_9999'));
    expect(rebuilt.entries).toHaveLength(28);
    expect(rebuilt.entries.filter((row) => (row as string).includes('"body":"upcast"'))).toHaveLength(7);
    // Instants to the microsecond (the dump reads them as JavaScript dates, at the millisecond).
    const instants = (schema: string) =>
      db.pool
        .query(
          `SELECT position, occurred_at::text, recorded_at::text FROM ${qualified(schema, 'entries')} ORDER BY position`,
        )
        .then((result) => result.rows);
    expect(await instants(status.active_schema)).toEqual(await instants('rm_timeline_9999'));
    copied.mockRestore();
    applied.mockRestore();
  });
});
