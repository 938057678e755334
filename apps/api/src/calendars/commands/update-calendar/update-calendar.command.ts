import type { CommandMeta } from '@app/commanding';
import type { UpdateCalendarRequest } from './update-calendar.request.dto';

export class UpdateCalendarCommand {
  constructor(
    readonly calendarId: string,
    readonly request: UpdateCalendarRequest,
    readonly meta: CommandMeta,
  ) {}
}
