import type { RecordedEvent } from './event-store.port';
import { UpcasterChain } from './upcasters';

function recorded(type: string, data: RecordedEvent['data'], schemaVersion?: number): RecordedEvent {
  return {
    eventId: '00000000-0000-4000-8000-000000000000',
    type,
    data,
    metadata: schemaVersion === undefined ? {} : { schemaVersion },
    streamId: 'ticket-1',
    revision: 0n,
    position: 1n,
    recordedAt: new Date(0),
  };
}

describe('UpcasterChain', () => {
  const chain = new UpcasterChain([
    { type: 'TicketOpened', fromVersion: 1, upcast: (data) => ({ ...(data as object), channel: 'email' }) },
    { type: 'TicketOpened', fromVersion: 2, upcast: (data) => ({ ...(data as object), priority: 'normal' }) },
  ]);

  it('given a version 1 payload, applies every step up to the current version', () => {
    const event = chain.apply(recorded('TicketOpened', { subject: 's' }));
    expect(event.data).toEqual({ subject: 's', channel: 'email', priority: 'normal' });
    expect(event.metadata.schemaVersion).toBe(3);
  });

  it('given a payload already at a later version, applies only the remaining steps', () => {
    expect(chain.apply(recorded('TicketOpened', { subject: 's', channel: 'chat' }, 2)).data).toEqual({
      subject: 's',
      channel: 'chat',
      priority: 'normal',
    });
  });

  it('leaves current payloads and other types untouched', () => {
    const current = recorded('TicketOpened', { subject: 's' }, 3);
    const other = recorded('TicketSolved', { at: 'x' });
    expect(chain.apply(current)).toBe(current);
    expect(chain.apply(other)).toBe(other);
  });

  it('refuses two upcasters for the same type and version', () => {
    const upcast = (data: RecordedEvent['data']) => data;
    expect(
      () =>
        new UpcasterChain([
          { type: 'T', fromVersion: 1, upcast },
          { type: 'T', fromVersion: 1, upcast },
        ]),
    ).toThrow('Two upcasters for T@1');
  });
});
