import { AppendGroups, type PendingAppend } from './append-groups';

interface Sent {
  groups: string[][];
  /** Answers the oldest group still in flight. */
  answer(): Promise<void>;
}

/** Appends named `stream:n`; the groups sent, answered by hand. */
function harness(maxInFlight: number, maxEvents: number) {
  const waiting: Array<() => void> = [];
  const sent: Sent = {
    groups: [],
    answer: async () => {
      waiting.shift()?.();
      await new Promise((resolve) => setImmediate(resolve));
    },
  };
  const groups = new AppendGroups<PendingAppend<string> & { name: string }, string>(
    { maxInFlight, maxEvents },
    (group) =>
      new Promise<void>((resolve) => {
        sent.groups.push(group.map((append) => append.name));
        waiting.push(() => {
          group.forEach((append) => append.resolve(append.name));
          resolve();
        });
      }),
  );
  const submit = (name: string, events = 1): Promise<string> =>
    new Promise((resolve, reject) => groups.submit({ name, streamId: name.split(':')[0], events, resolve, reject }));
  return { sent, submit };
}

describe('AppendGroups', () => {
  it('sends a lone append at once, and what arrives meanwhile as one group when it is answered', async () => {
    const { sent, submit } = harness(1, 100);
    const first = submit('a:1');
    expect(sent.groups).toEqual([['a:1']]);
    const later = [submit('b:1'), submit('c:1'), submit('d:1')];
    expect(sent.groups).toHaveLength(1);
    await sent.answer();
    expect(await first).toBe('a:1');
    expect(sent.groups).toEqual([['a:1'], ['b:1', 'c:1', 'd:1']]);
    await sent.answer();
    expect(await Promise.all(later)).toEqual(['b:1', 'c:1', 'd:1']);
  });

  it('keeps groups in flight up to the limit', () => {
    const { sent, submit } = harness(2, 100);
    ['a:1', 'b:1', 'c:1', 'd:1'].forEach((name) => void submit(name));
    expect(sent.groups).toEqual([['a:1'], ['b:1']]);
  });

  it('holds an append whose stream is in the group being formed or in flight, without letting later ones of it pass', async () => {
    const { sent, submit } = harness(2, 100);
    ['a:1', 'a:2', 'b:1', 'a:3', 'b:2', 'c:1'].forEach((name) => void submit(name));
    expect(sent.groups).toEqual([['a:1'], ['b:1']]);
    await sent.answer();
    expect(sent.groups.at(-1)).toEqual(['a:2', 'c:1']);
    await sent.answer();
    expect(sent.groups.at(-1)).toEqual(['b:2']);
    await sent.answer();
    expect(sent.groups.at(-1)).toEqual(['a:3']);
  });

  it('caps the events of a group, yet sends an append larger than the cap on its own', async () => {
    const { sent, submit } = harness(1, 10);
    void submit('x:1');
    void submit('a:1', 6);
    void submit('b:1', 6);
    void submit('c:1', 4);
    void submit('d:1', 50);
    await sent.answer();
    expect(sent.groups.at(-1)).toEqual(['a:1', 'c:1']);
    await sent.answer();
    expect(sent.groups.at(-1)).toEqual(['b:1']);
    await sent.answer();
    expect(sent.groups.at(-1)).toEqual(['d:1']);
  });
});
