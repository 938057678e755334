import { Inject, Injectable } from '@nestjs/common';
import { foldRecorded } from '@app/commanding';
import type { Decider, DomainEvent } from '@app/domain';
import { asOfBound, EVENT_STORE, recordedWithin, type EventStore, type RecordedEvent } from '@app/event-store';
import { ApiError } from './api-error';

export interface CurrentState<S> {
  state: S;
  revision: bigint;
  /** Log position of the last event folded. */
  position: bigint;
  /** The stream's events folded, in order. */
  events: RecordedEvent[];
}

/**
 * One stream's state folded on read (the GET endpoints of the write side): now, or as of an instant
 * (recorded time) or a log position, from the stream's own events; 404 when it does not exist then.
 */
@Injectable()
export class CurrentStateReader {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async read<C, E extends DomainEvent, S extends { exists: boolean }>(
    streamId: string,
    decider: Decider<C, E, S>,
    what: string,
    asOf?: string,
  ): Promise<CurrentState<S & { exists: true }>> {
    const id = streamId.slice(what.length + 1);
    const noun = what.replace(/_/g, ' ');
    const recorded = await this.store.readStream(streamId);
    const bound = asOf === undefined ? undefined : asOfBound(asOf);
    const events = bound ? recorded.filter((event) => recordedWithin(event, bound)) : recorded;
    if (events.length === 0 && recorded.length > 0) {
      const [first] = recorded;
      throw new ApiError(
        404,
        `${what}_not_yet_created`,
        `${noun} ${id} did not exist as of ${asOf}: its first event is at position ${first.position}, recorded ${first.recordedAt.toISOString()}`,
        { firstPosition: first.position.toString(), firstRecordedAt: first.recordedAt.toISOString() },
      );
    }
    const state = foldRecorded(decider, events);
    if (!state.exists) throw new ApiError(404, `${what}_not_found`, `${noun} ${id} does not exist`);
    const last = events[events.length - 1];
    return { state: state as S & { exists: true }, revision: last.revision, position: last.position, events };
  }
}
