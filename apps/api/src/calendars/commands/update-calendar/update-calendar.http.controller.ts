import { Body, Controller, Param, Put } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { CommandMeta, CommandResult } from '@app/commanding';
import { UpdateCalendarCommand } from '@app/commands';
import { CommandEndpoint } from '../../../shared/command-endpoint.decorator';
import { CommandMetaOf } from '../../../shared/command-meta.decorator';
import { CommandResponseDto } from '../../../shared/command-response.dto';
import { IdPipe } from '../../../shared/stream-id.pipe';
import { UpdateCalendarRequest } from './update-calendar.request.dto';

@ApiTags('calendars')
@Controller('v1/calendars')
export class UpdateCalendarHttpController {
  constructor(private readonly commands: CommandBus) {}

  /** Replaces a calendar's definition. Open tickets keep the calendar they copied at open. */
  @Put(':calendarId')
  @CommandEndpoint('sla:write')
  @ApiOkResponse({ type: CommandResponseDto })
  updateCalendar(
    @Param('calendarId', IdPipe) calendarId: string,
    @Body() request: UpdateCalendarRequest,
    @CommandMetaOf() meta: CommandMeta,
  ): Promise<CommandResult> {
    return this.commands.execute(new UpdateCalendarCommand(calendarId, request, meta));
  }
}
