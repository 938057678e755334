import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { calendarDecider, streams, type CalendarState } from '@app/domain';
import { CurrentStateReader, type CurrentState } from '../../../shared/current-state.reader';
import { GetCalendarQuery } from './get-calendar.query';

@QueryHandler(GetCalendarQuery)
export class GetCalendarHandler implements IQueryHandler<
  GetCalendarQuery,
  CurrentState<CalendarState & { exists: true }>
> {
  constructor(private readonly reader: CurrentStateReader) {}

  execute({ calendarId }: GetCalendarQuery): Promise<CurrentState<CalendarState & { exists: true }>> {
    return this.reader.read(streams.calendar(calendarId), calendarDecider, 'calendar');
  }
}
