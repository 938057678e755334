import { Inject, Injectable } from '@nestjs/common';
import { loadAggregate } from '@app/commanding';
import type { Decider, DomainEvent } from '@app/domain';
import { EVENT_STORE, type EventStore } from '@app/event-store';
import { ApiError } from './api-error';

export interface CurrentState<S> {
  state: S;
  revision: bigint;
}

/** Current state of one stream, folded on read (the GET endpoints of the write side). */
@Injectable()
export class AggregateReader {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async read<C, E extends DomainEvent, S extends { exists: boolean }>(streamId: string, decider: Decider<C, E, S>, what: string): Promise<CurrentState<S & { exists: true }>> {
    const { state, revision } = await loadAggregate(this.store, streamId, decider);
    if (!state.exists) throw new ApiError(404, `${what}_not_found`, `${what.replace(/_/g, ' ')} ${streamId.slice(what.length + 1)} does not exist`);
    return { state: state as S & { exists: true }, revision };
  }

  /** The folded state of a stream, existing or not, for commands that consult another aggregate. */
  async state<C, E extends DomainEvent, S>(streamId: string, decider: Decider<C, E, S>): Promise<S> {
    return (await loadAggregate(this.store, streamId, decider)).state;
  }

  /** Whether a stream exists, for commands that refer to another aggregate. */
  async exists(streamId: string): Promise<boolean> {
    return (await this.store.readStream(streamId, { limit: 1 })).length > 0;
  }
}
