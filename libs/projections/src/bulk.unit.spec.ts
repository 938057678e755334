import type { RecordedEvent } from '@app/event-store';
import { keysToLoad } from './bulk';

const event = (type: string, data: Record<string, string>, position: number): RecordedEvent => ({
  eventId: `e${position}`,
  type,
  data,
  metadata: {},
  streamId: 's',
  revision: 0n,
  position: BigInt(position),
  recordedAt: new Date(0),
});

describe('keysToLoad', () => {
  it('loads every key a batch names except those its own creating event names first', () => {
    const batch = [
      event('TicketStatusChanged', { ticketId: 't-old' }, 1),
      event('TicketOpened', { ticketId: 't-new' }, 2),
      event('ReplyAdded', { ticketId: 't-new' }, 3),
      // Named before its creation in the batch: whatever is stored for it must be loaded.
      event('ReplyAdded', { ticketId: 't-odd' }, 4),
      event('TicketOpened', { ticketId: 't-odd' }, 5),
      event('AccountTierChanged', { accountId: 'a1' }, 6),
      event('ReplyAdded', { ticketId: 't-old' }, 7),
    ];
    expect(keysToLoad(batch, (e) => (e.data as { ticketId?: string }).ticketId, 'TicketOpened')).toEqual([
      't-old',
      't-odd',
    ]);
    expect(keysToLoad([], (e) => e.streamId, 'TicketOpened')).toEqual([]);
  });
});
