export class GetCalendarQuery {
  constructor(readonly calendarId: string) {}
}
