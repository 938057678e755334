import { Module } from '@nestjs/common';
import { CommandSideModule } from '../shared/command-side.module';
import { DefineCalendarHandler } from './commands/define-calendar/define-calendar.handler';
import { UpdateCalendarHandler } from './commands/update-calendar/update-calendar.handler';
import { GetCalendarHandler } from './queries/get-calendar/get-calendar.handler';

/** The calendars command and query handlers, usable without HTTP. */
@Module({
  imports: [CommandSideModule],
  providers: [
    DefineCalendarHandler,
    UpdateCalendarHandler,
    GetCalendarHandler,
  ],
})
export class CalendarsModule {}
