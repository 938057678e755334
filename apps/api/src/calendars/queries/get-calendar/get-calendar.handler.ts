import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { calendarDecider, type CalendarState } from '@app/domain';
import { AggregateReader, type CurrentState } from '../../../shared/aggregate-reader';
import { streams } from '../../../shared/stream-id.pipe';
import { GetCalendarQuery } from './get-calendar.query';

@QueryHandler(GetCalendarQuery)
export class GetCalendarHandler implements IQueryHandler<GetCalendarQuery, CurrentState<CalendarState & { exists: true }>> {
  constructor(private readonly reader: AggregateReader) {}

  execute({ calendarId }: GetCalendarQuery): Promise<CurrentState<CalendarState & { exists: true }>> {
    return this.reader.read(streams.calendar(calendarId), calendarDecider, 'calendar');
  }
}
