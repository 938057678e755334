import type { CommandMeta } from '@app/commanding';
import type { DefineCalendarRequest } from './define-calendar.request.dto';

export class DefineCalendarCommand {
  constructor(
    readonly calendarId: string,
    readonly request: DefineCalendarRequest,
    readonly meta: CommandMeta,
  ) {}
}
