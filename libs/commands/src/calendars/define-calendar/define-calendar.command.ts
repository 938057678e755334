import type { Static } from '@sinclair/typebox';
import { Strict } from '@app/validation';
import { BusCommand } from '../../bus-command';
import { CreatedId } from '../../created-id';
import { CalendarInput } from '../calendar-input';

export const DefineCalendar = Strict({ id: CreatedId('a calendar id'), ...CalendarInput.properties });
export type DefineCalendar = Static<typeof DefineCalendar>;

export class DefineCalendarCommand extends BusCommand<CalendarInput> {}
