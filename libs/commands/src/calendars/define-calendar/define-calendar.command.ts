import { BusCommand } from '../../bus-command';
import type { CalendarInput } from '../calendar-input';

export class DefineCalendarCommand extends BusCommand<CalendarInput> {}
