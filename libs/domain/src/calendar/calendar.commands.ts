import type { CalendarDefinition } from './calendar.events';

export type CalendarCommand =
  | { kind: 'DefineCalendar'; calendarId: string; definition: CalendarDefinition }
  | { kind: 'UpdateCalendar'; calendarId: string; definition: CalendarDefinition };
