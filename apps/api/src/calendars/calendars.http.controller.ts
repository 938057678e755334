import { randomUUID } from 'node:crypto';
import { Controller, Get, Post, Put, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { type CommandMeta, type CommandResult } from '@app/commanding';
import { calendarDecider, streams } from '@app/domain';
import { CalendarInput, DefineCalendar, defineCalendar, updateCalendar } from '@app/requests';
import { ApiAnswer } from '../openapi/api-answer.decorator';
import type { CalendarResponse } from '../openapi/responses';
import { Authorized } from '../shared/auth/auth.guard';
import { Commands } from '../shared/command-answer';
import { CommandEndpoint } from '../shared/command-endpoint.decorator';
import { CommandMetaOf } from '../shared/command-meta.decorator';
import { CurrentStateReader } from '../shared/current-state.reader';
import { withETag } from '../shared/etag';
import { PathParam, ValidBody } from '../shared/request.decorators';

/** The business calendars under /v1/calendars: define, update, read from their streams. */
@ApiTags('calendars')
@Controller('v1/calendars')
export class CalendarsHttpController {
  constructor(
    private readonly commands: Commands,
    private readonly reader: CurrentStateReader,
  ) {}

  @ApiOperation({ summary: 'Defines a business calendar: IANA zone, weekly hours, holidays.' })
  @Post()
  @CommandEndpoint('sla:write', { creates: true })
  async defineCalendar(
    @ValidBody(DefineCalendar, 'DefineCalendarRequest') request: DefineCalendar,
    @CommandMetaOf() meta: CommandMeta,
  ): Promise<CommandResult> {
    const id = request.id ?? randomUUID();
    return {
      ...(await this.commands.send(defineCalendar(id, request), meta)),
      id,
    };
  }

  @ApiOperation({ summary: "Replaces a calendar's definition. Open tickets keep the calendar they copied at open." })
  @Put(':calendarId')
  @CommandEndpoint('sla:write')
  updateCalendar(
    @PathParam('calendarId') calendarId: string,
    @ValidBody(CalendarInput, 'UpdateCalendarRequest') request: CalendarInput,
    @CommandMetaOf() meta: CommandMeta,
  ): Promise<CommandResult> {
    return this.commands.send(updateCalendar(calendarId, request), meta);
  }

  @ApiOperation({ summary: 'The calendar as of its latest revision (the ETag).' })
  @Get(':calendarId')
  @ApiAnswer('CalendarResponse')
  @Authorized('read')
  async getCalendar(
    @PathParam('calendarId') calendarId: string,
    @Res({ passthrough: true }) response: Response,
  ): Promise<CalendarResponse> {
    const current = await this.reader.read(streams.calendar(calendarId), calendarDecider, 'calendar');
    return withETag(response, current, { id: current.state.calendarId, ...current.state.definition });
  }
}
