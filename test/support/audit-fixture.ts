import { EVENT_STORE, type EventStore, type RecordedEvent } from '../../libs/event-store/src';
import { AccountHistory, scanAccountHistory } from '../../libs/projections/src';
import { bearer, KEYS, seedAccount, type ApiHarness } from './api-app';

const writer = bearer(KEYS.writer);

export async function command(api: ApiHarness, path: string, body: object, expected = 200): Promise<string> {
  const response = await api.http().post(path).set(writer).send(body).expect(expected);
  return response.body.position as string;
}

export async function openTicket(api: ApiHarness, id: string, accountId: string, contactId: string): Promise<string> {
  const ticket = {
    id,
    accountId,
    contactId,
    subject: 'Export fails',
    channel: 'api',
    priority: 'urgent',
    category: 'x',
  };
  return command(api, '/v1/tickets', ticket, 201);
}

/** Two accounts with tickets, so that each one's history is a small part of the log. */
export async function twoAccounts(api: ApiHarness): Promise<void> {
  await seedAccount(api, 'acme');
  await command(
    api,
    '/v1/accounts',
    {
      id: 'globex',
      name: 'Globex',
      tier: 'growth',
      arr: { amountMinor: 5_000_000, currency: 'USD' },
      contractStart: '2026-01-01',
      renewalDate: '2027-01-01',
      ownerId: 'am-2',
      timeZone: 'Europe/Berlin',
    },
    201,
  );
  await command(
    api,
    '/v1/accounts/globex/contacts',
    { id: 'bob', name: 'Bob', email: 'bob@globex.test', role: 'user' },
    201,
  );
  for (let i = 0; i < 4; i += 1) {
    await openTicket(api, `acme-${i}`, 'acme', 'ada');
    await openTicket(api, `globex-${i}`, 'globex', 'bob');
    await command(api, `/v1/tickets/acme-${i}/notes`, { authorId: 'agent-1', body: `note ${i}` });
  }
}

const comparable = (events: RecordedEvent[]) =>
  events.map(({ position, streamId, revision, type, data, metadata }) => ({
    position,
    streamId,
    revision,
    type,
    data,
    metadata,
  }));

/**
 * Reads acme's history while commands for it keep coming, bounded by the head before they started
 * and then unbounded: both must be exactly what a scan of the whole log finds.
 */
export async function historyMatchesScan(api: ApiHarness): Promise<void> {
  const history = api.app.get(AccountHistory);
  const store = api.app.get<EventStore>(EVENT_STORE);
  const head = await store.headPosition();
  let last = 0n;
  const writing = (async () => {
    for (let i = 0; i < 6; i += 1) {
      await openTicket(api, `acme-late-${i}`, 'acme', 'ada');
      last = BigInt(await command(api, `/v1/tickets/acme-0/notes`, { authorId: 'agent-2', body: `late ${i}` }));
    }
  })();
  const [bounded] = await Promise.all([history.events('acme', { position: head }), writing]);
  expect(comparable(bounded)).toEqual(comparable(await scanAccountHistory(store, 'acme', { position: head })));
  expect(bounded.length).toBeGreaterThan(10);
  expect(bounded.every((event) => event.metadata.accountId === 'acme' && event.position <= head)).toBe(true);

  // Everything, the new tickets included, once the head has passed the last write.
  while ((await store.headPosition()) < last) await new Promise((resolve) => setTimeout(resolve, 10));
  const all = await history.events('acme');
  expect(comparable(all)).toEqual(comparable(await scanAccountHistory(store, 'acme')));
  const opened = all.filter((event) => event.type === 'TicketOpened').map((event) => event.streamId);
  expect(opened).toEqual(expect.arrayContaining([0, 1, 2, 3, 4, 5].map((i) => `ticket-acme-late-${i}`)));
}
