import { fold, type Decider } from './decider';

type Command = { kind: 'add'; amount: number };
type Event = { kind: 'added'; amount: number };

const counter: Decider<Command, Event, number> = {
  initialState: 0,
  evolve: (state, event) => state + event.amount,
  decide: (command, state) => {
    if (state + command.amount > 10) throw new Error('limit');
    return [{ kind: 'added', amount: command.amount }];
  },
};

describe('fold', () => {
  it('given no events, returns the initial state', () => {
    expect(fold(counter, [])).toBe(0);
  });

  it('given events, applies them in order through evolve', () => {
    const order: number[] = [];
    const tracing = { ...counter, evolve: (s: number, e: Event) => (order.push(e.amount), s + e.amount) };
    expect(
      fold(tracing, [
        { kind: 'added', amount: 2 },
        { kind: 'added', amount: 3 },
      ]),
    ).toBe(5);
    expect(order).toEqual([2, 3]);
  });
});
