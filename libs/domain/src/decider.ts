/**
 * A decider (docs/design.md §2): the pure heart of an aggregate. Time and ids arrive in the command; the
 * decider never reads a clock or a random source.
 */
export interface Decider<Command, Event, State> {
  initialState: State;
  evolve(state: State, event: Event): State;
  /** Returns the events the command causes, or throws a typed domain error. */
  decide(command: Command, state: State): Event[];
}

/** Folds a stream's events into the current state (`from`: the state before them, by default the initial one). */
export function fold<Command, Event, State>(
  decider: Decider<Command, Event, State>,
  events: readonly Event[],
  from: State = decider.initialState,
): State {
  return events.reduce(decider.evolve, from);
}
