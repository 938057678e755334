import type { RecordedEvent } from '@app/event-store';
import { createTestDatabase, type TestDatabase } from '../../../../test/support/test-database';
import { inTransaction } from '@app/database';
import { clockProjection } from './clock.projection';
import { strategicBreachesPending, targetsDue } from './clock.queries';

describe('the SLA clock work list', () => {
  let db: TestDatabase;
  let position = 0n;
  const schema = 'rm_clock_9999';
  const model = () => ({ pool: db.pool, schema });
  const recorded = (type: string, data: object): RecordedEvent => ({
    eventId: `00000000-0000-4000-8000-${String((position += 1n)).padStart(12, '0')}`,
    type,
    data: data as RecordedEvent['data'],
    metadata: {},
    streamId: 'ticket-t',
    revision: position,
    position,
    recordedAt: new Date('2026-06-01T10:00:00Z'),
  });
  const apply = (...events: RecordedEvent[]) =>
    inTransaction(db.pool, (tx) => clockProjection.apply(tx, schema, events));
  const ticketWithTarget = (ticketId: string, accountId: string) => [
    recorded('TicketOpened', {
      ticketId,
      accountId,
      contactId: 'c',
      priority: 'high',
      openedAt: '2026-06-01T09:00:00Z',
    }),
    recorded('SlaTargetStarted', {
      ticketId,
      accountId,
      metric: 'first_response',
      instance: 'first_response',
      startedAt: '2026-06-01T09:00:00Z',
      budgetMinutes: 60,
      dueAt: '2026-06-01T10:00:00Z',
      atRiskAt: '2026-06-01T09:45:00Z',
    }),
  ];
  const breach = (ticketId: string, accountId: string) =>
    recorded('SlaTargetBreached', {
      ticketId,
      accountId,
      instance: 'first_response',
      breachedAt: '2026-06-01T10:00:00Z',
    });

  beforeAll(async () => {
    db = await createTestDatabase(4);
    await db.pool.query(`CREATE SCHEMA ${schema}`);
    await db.pool.query(clockProjection.setup(schema));
  });

  afterAll(async () => {
    await db.drop();
  });

  it('lists a running target once its instant has come, and no more once its breach is recorded', async () => {
    await apply(
      recorded('AccountOnboarded', { accountId: 'big', tier: 'strategic', renewalDate: '2027-01-01' }),
      ...ticketWithTarget('t1', 'big'),
    );
    const due = await targetsDue(model(), new Date('2026-06-01T10:30:00Z'), 10);
    expect(due.map(({ ticketId, kind }) => [ticketId, kind])).toEqual([
      ['t1', 'at_risk'],
      ['t1', 'breach'],
    ]);
    await apply(breach('t1', 'big'));
    expect(await targetsDue(model(), new Date('2026-06-01T10:30:00Z'), 10)).toEqual([]);
    expect(await strategicBreachesPending(model())).toEqual([{ ticketId: 't1', instance: 'first_response' }]);
  });

  it('records a breach on an account it does not know (its row is missing) rather than stopping the clock', async () => {
    await apply(...ticketWithTarget('t2', 'unknown'));
    await apply(breach('t2', 'unknown'));
    const due = await targetsDue(model(), new Date('2026-06-01T10:30:00Z'), 10);
    expect(due.filter((target) => target.ticketId === 't2')).toEqual([]);
    expect(await strategicBreachesPending(model())).not.toContainEqual(expect.objectContaining({ ticketId: 't2' }));
  });
});
