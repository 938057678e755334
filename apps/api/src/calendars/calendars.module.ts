import { Module } from '@nestjs/common';
import { ApiSharedModule } from '../shared/api-shared.module';
import { DefineCalendarHandler } from './commands/define-calendar/define-calendar.handler';
import { DefineCalendarHttpController } from './commands/define-calendar/define-calendar.http.controller';
import { UpdateCalendarHandler } from './commands/update-calendar/update-calendar.handler';
import { UpdateCalendarHttpController } from './commands/update-calendar/update-calendar.http.controller';
import { GetCalendarHandler } from './queries/get-calendar/get-calendar.handler';
import { GetCalendarHttpController } from './queries/get-calendar/get-calendar.http.controller';

@Module({
  imports: [ApiSharedModule],
  controllers: [DefineCalendarHttpController, UpdateCalendarHttpController, GetCalendarHttpController],
  providers: [DefineCalendarHandler, UpdateCalendarHandler, GetCalendarHandler],
})
export class CalendarsModule {}
