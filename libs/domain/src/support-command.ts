import type { AccountCommand } from './account/account.commands';
import { accountDecider } from './account/account.decider';
import type { CalendarCommand } from './calendar/calendar.commands';
import { calendarDecider } from './calendar/calendar.decider';
import type { Decider } from './decider';
import type { SlaPolicyCommand } from './sla-policy/sla-policy.commands';
import { slaPolicyDecider } from './sla-policy/sla-policy.decider';
import { streams } from './shared/streams';
import type { TicketCommand } from './ticket/ticket.commands';
import { ticketDecider } from './ticket/ticket.decider';

/** Every command of the support domain: what the API, the CLI, the SLA clock and the triggers send. */
export type SupportCommand = TicketCommand | AccountCommand | CalendarCommand | SlaPolicyCommand;

/** Where a command is decided: the stream of the aggregate it names, and that aggregate's decider. */
export interface CommandRoute {
  streamId: string;
  decider: Decider<SupportCommand, { type: string; data: unknown }, unknown>;
}

/**
 * The aggregate a command belongs to follows from the id it names: a ticket command names its
 * ticket (an account command never does), a calendar or policy command its own id, and an account
 * command only its account.
 */
export function routeOf(
  command: { ticketId: string } | { calendarId: string } | { policyId: string } | { accountId: string },
): CommandRoute {
  if ('ticketId' in command) return route(streams.ticket(command.ticketId), ticketDecider);
  if ('calendarId' in command) return route(streams.calendar(command.calendarId), calendarDecider);
  if ('policyId' in command) return route(streams.slaPolicy(command.policyId), slaPolicyDecider);
  return route(streams.account(command.accountId), accountDecider);
}

/** Each decider takes only its own commands, which `routeOf` guarantees: the one place that widens it. */
const route = <C extends SupportCommand, E, S>(streamId: string, decider: Decider<C, E, S>): CommandRoute => ({
  streamId,
  decider: decider as unknown as CommandRoute['decider'],
});
