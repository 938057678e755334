import { httpRouteOf, simulate, type SimulatedCommand } from './simulation';

const options = { seed: 7, accounts: 40, from: '2025-11-01', days: 365, prefix: 'sim' };
const history = simulate(options);
const byStream = new Map<string, SimulatedCommand[]>();
for (const command of history) byStream.set(command.stream, [...(byStream.get(command.stream) ?? []), command]);

describe('simulated history', () => {
  it('is the same for the same seed and differs for another', () => {
    expect(simulate(options)).toEqual(history);
    expect(simulate({ ...options, seed: 8 })).not.toEqual(history);
  });

  it('covers every kind of command the API offers, in time order', () => {
    expect(new Set(history.map((command) => command.kind)).size).toBe(21);
    expect(history.every((command, i) => i === 0 || history[i - 1].at <= command.at)).toBe(true);
    expect(history.length).toBeGreaterThan(10_000);
  });

  it('starts every stream with its create and sends nothing to a ticket after it closed', () => {
    for (const [stream, commands] of byStream) {
      const create = {
        account: 'onboard-account',
        ticket: 'open-ticket',
        calendar: 'define-calendar',
        sla: 'define-sla-policy',
      }[stream.split('-')[0]];
      expect([stream, commands[0].kind]).toEqual([stream, create]);
      const closed = commands.findIndex(
        (command) =>
          command.kind === 'merge-ticket' || (command.kind === 'change-status' && command.body.status === 'closed'),
      );
      if (closed >= 0) expect([stream, commands.length - 1]).toEqual([stream, closed]);
    }
  });

  it('skews ARR by tier and sends more tickets from strategic accounts', () => {
    const onboarded = history.filter((command) => command.kind === 'onboard-account');
    const median = (tier: string) => {
      const values = onboarded
        .filter((command) => command.body.tier === tier)
        .map((command) => (command.body.arr as { amountMinor: number }).amountMinor)
        .sort((a, b) => a - b);
      return values[Math.floor(values.length / 2)];
    };
    expect(median('strategic')).toBeGreaterThan(median('growth'));
    expect(median('growth')).toBeGreaterThan(median('standard'));
    const tierOf = new Map(onboarded.map((command) => [command.body.id, command.body.tier]));
    const perAccount = (tier: string) =>
      history.filter((command) => command.kind === 'open-ticket' && tierOf.get(command.body.accountId) === tier)
        .length / onboarded.filter((command) => command.body.tier === tier).length;
    expect(perAccount('strategic')).toBeGreaterThan(perAccount('standard') * 3);
  });

  it('opens fewer tickets on weekends than on weekdays', () => {
    const opened = history
      .filter((command) => command.kind === 'open-ticket')
      .map((command) => new Date(command.at).getUTCDay());
    const weekend = opened.filter((day) => day === 0 || day === 6).length / 2;
    const weekday = opened.filter((day) => day !== 0 && day !== 6).length / 5;
    expect(weekend).toBeLessThan(weekday / 2);
  });

  it('routes each command to its HTTP endpoint', () => {
    const reply = history.find((command) => command.kind === 'add-reply')!;
    expect(httpRouteOf(reply)).toEqual({ method: 'POST', path: `/v1/tickets/${reply.target}/replies` });
    const removal = history.find((command) => command.kind === 'remove-contact')!;
    expect(httpRouteOf(removal)).toEqual({
      method: 'DELETE',
      path: `/v1/accounts/${removal.target}/contacts/${removal.body.contactId}`,
    });
    expect(httpRouteOf(history.find((command) => command.kind === 'open-ticket')!)).toEqual({
      method: 'POST',
      path: '/v1/tickets',
    });
  });
});
