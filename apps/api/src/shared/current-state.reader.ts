import { Inject, Injectable } from '@nestjs/common';
import { loadAggregate } from '@app/commanding';
import type { Decider, DomainEvent } from '@app/domain';
import { EVENT_STORE, type EventStore } from '@app/event-store';
import { ApiError } from './api-error';

export interface CurrentState<S> {
  state: S;
  revision: bigint;
}

/** Current state of one stream, folded on read (the GET endpoints of the write side); 404 when it does not exist. */
@Injectable()
export class CurrentStateReader {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async read<C, E extends DomainEvent, S extends { exists: boolean }>(
    streamId: string,
    decider: Decider<C, E, S>,
    what: string,
  ): Promise<CurrentState<S & { exists: true }>> {
    const { state, revision } = await loadAggregate(this.store, streamId, decider);
    if (!state.exists)
      throw new ApiError(
        404,
        `${what}_not_found`,
        `${what.replace(/_/g, ' ')} ${streamId.slice(what.length + 1)} does not exist`,
      );
    return { state: state as S & { exists: true }, revision };
  }
}
