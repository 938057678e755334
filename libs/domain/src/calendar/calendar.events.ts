import type { DomainEvent } from '../shared/domain-error';
import type { BusinessCalendar } from './business-time';

export interface CalendarDefinition extends BusinessCalendar {
  name: string;
}

export type CalendarEvent =
  | DomainEvent<'CalendarDefined', CalendarDefinition & { calendarId: string }>
  | DomainEvent<'CalendarUpdated', CalendarDefinition & { calendarId: string }>;
