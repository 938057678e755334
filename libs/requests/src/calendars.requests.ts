import type { Static } from '@sinclair/typebox';
import type { CommandToSend } from '@app/commanding';
import { Strict } from '@app/validation';
import { CalendarInput, toCalendarDefinition } from './calendar-input';
import { CreatedId } from './created-id';

/** What callers may ask of a business calendar (bodies of /v1/calendars…), and the command each becomes. */

export const DefineCalendar = Strict({ id: CreatedId('a calendar id'), ...CalendarInput.properties });
export type DefineCalendar = Static<typeof DefineCalendar>;

export const defineCalendar = (calendarId: string, { id: _id, ...input }: DefineCalendar): CommandToSend => ({
  kind: 'DefineCalendar',
  calendarId,
  definition: toCalendarDefinition(input),
});

export const updateCalendar = (calendarId: string, input: CalendarInput): CommandToSend => ({
  kind: 'UpdateCalendar',
  calendarId,
  definition: toCalendarDefinition(input),
});
