import { BusCommand } from '../../bus-command';
import type { CalendarInput } from '../calendar-input';

export class UpdateCalendarCommand extends BusCommand<CalendarInput> {}
