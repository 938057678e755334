import { Module } from '@nestjs/common';
import { ApiSharedModule } from '../shared/api-shared.module';
import { GetCalendarHandler } from './queries/get-calendar/get-calendar.handler';
import { DefineCalendarHttpController } from './commands/define-calendar/define-calendar.http.controller';
import { UpdateCalendarHttpController } from './commands/update-calendar/update-calendar.http.controller';
import { GetCalendarHttpController } from './queries/get-calendar/get-calendar.http.controller';

/** The calendars endpoints under /v1. */
@Module({
  imports: [ApiSharedModule],
  controllers: [DefineCalendarHttpController, UpdateCalendarHttpController, GetCalendarHttpController],
  providers: [GetCalendarHandler],
})
export class CalendarsHttpModule {}
