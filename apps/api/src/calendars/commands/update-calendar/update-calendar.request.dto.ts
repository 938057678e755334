import { CalendarDefinitionDto } from '../../calendar-definition.dto';

/** The whole new definition: it replaces the old one for tickets opened from now on. */
export class UpdateCalendarRequest extends CalendarDefinitionDto {}
