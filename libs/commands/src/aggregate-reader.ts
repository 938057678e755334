import { Inject, Injectable } from '@nestjs/common';
import { loadAggregate } from '@app/commanding';
import type { Decider, DomainEvent } from '@app/domain';
import { EVENT_STORE, type EventStore } from '@app/event-store';

/** What a command consults of another aggregate (the account a ticket opens on, the calendar a policy names). */
@Injectable()
export class AggregateReader {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  /** The folded state of a stream, existing or not. */
  async state<C, E extends DomainEvent, S>(streamId: string, decider: Decider<C, E, S>): Promise<S> {
    return (await loadAggregate(this.store, streamId, decider)).state;
  }

  /** Whether a stream exists. */
  async exists(streamId: string): Promise<boolean> {
    return (await this.store.readStream(streamId, { limit: 1 })).length > 0;
  }
}
