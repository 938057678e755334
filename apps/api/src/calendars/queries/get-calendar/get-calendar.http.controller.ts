import { Controller, Get, Res } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { CalendarState } from '@app/domain';
import type { CurrentState } from '../../../shared/current-state.reader';
import { Authorized } from '../../../shared/auth/auth.guard';
import { withETag } from '../../../shared/etag';
import { GetCalendarQuery } from './get-calendar.query';
import { ApiAnswer } from '../../../openapi/api-answer.decorator';
import type { CalendarResponse } from '../../../openapi/responses';
import { PathParam } from '../../../shared/request.decorators';

@ApiTags('calendars')
@Controller('v1/calendars')
export class GetCalendarHttpController {
  constructor(private readonly queries: QueryBus) {}

  @ApiOperation({ summary: 'The calendar as of its latest revision (the ETag).' })
  @Get(':calendarId')
  @ApiAnswer('CalendarResponse')
  @Authorized('read')
  async getCalendar(
    @PathParam('calendarId') calendarId: string,
    @Res({ passthrough: true }) response: Response,
  ): Promise<CalendarResponse> {
    const current = await this.queries.execute<GetCalendarQuery, CurrentState<CalendarState & { exists: true }>>(
      new GetCalendarQuery(calendarId),
    );
    return withETag(response, current, { id: current.state.calendarId, ...current.state.definition });
  }
}
