import type { RecordedEvent } from '@app/event-store';
import { inTransaction } from '@app/database';
import { createTestDatabase, type TestDatabase } from '../../../../test/support/test-database';
import { qualified } from '../projection';
import { timelineProjection } from './timeline.projection';

describe('timeline projection', () => {
  let db: TestDatabase;
  const schema = 'rm_timeline_9998';

  beforeAll(async () => {
    db = await createTestDatabase(2);
    await db.pool.query(`CREATE SCHEMA ${schema}`);
    await db.pool.query(timelineProjection.setup(schema));
  });

  afterAll(async () => {
    await db.drop();
  });

  it('keeps payloads with backslashes, tabs, newlines, quotes and Unicode exactly as they were', async () => {
    const body = 'C:\\\\logs\\new\ttab\nnewline\r\n"quoted" \\N Grüße 東京 😀';
    const event: RecordedEvent = {
      eventId: '00000000-0000-4000-8000-000000000001',
      type: 'NoteAdded',
      data: { ticketId: 't\\1', accountId: 'acme\t1', noteId: 'n1', authorId: 'a\\N', body, at: '2026-06-01T10:00:00.000Z' },
      metadata: { occurredAt: '2026-06-01T10:00:00.000Z', actor: { kind: 'agent', id: 'tab\tand\\slash' } },
      streamId: 'ticket-t\\1',
      revision: 3n,
      position: 42n,
      recordedAt: new Date('2026-06-01T10:00:01.000Z'),
    };
    await inTransaction(db.pool, (tx) => timelineProjection.apply(tx, schema, [event]));
    const { rows } = await db.pool.query(`SELECT position, account_id, stream_id, revision, type, actor, summary, data FROM ${qualified(schema, 'entries')}`);
    expect(rows).toEqual([
      {
        position: '42',
        account_id: 'acme\t1',
        stream_id: 'ticket-t\\1',
        revision: '3',
        type: 'NoteAdded',
        actor: { kind: 'agent', id: 'tab\tand\\slash' },
        summary: 'Internal note by a\\N on t\\1',
        data: event.data,
      },
    ]);
  });
});
