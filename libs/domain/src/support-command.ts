import type { AccountCommand } from './account/account.commands';
import type { CalendarCommand } from './calendar/calendar.commands';
import type { SlaPolicyCommand } from './sla-policy/sla-policy.commands';
import type { TicketCommand } from './ticket/ticket.commands';

/** Every command of the support domain: what the API, the CLI, the SLA clock and the triggers send. */
export type SupportCommand = TicketCommand | AccountCommand | CalendarCommand | SlaPolicyCommand;
