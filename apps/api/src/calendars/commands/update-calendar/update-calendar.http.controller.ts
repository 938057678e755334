import { Controller, Put } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Send, type CommandMeta, type CommandResult } from '@app/commanding';
import { CalendarInput, updateCalendar } from '@app/requests';
import { CommandEndpoint } from '../../../shared/command-endpoint.decorator';
import { CommandMetaOf } from '../../../shared/command-meta.decorator';
import { PathParam, ValidBody } from '../../../shared/request.decorators';

@ApiTags('calendars')
@Controller('v1/calendars')
export class UpdateCalendarHttpController {
  constructor(private readonly commands: CommandBus) {}

  @ApiOperation({ summary: "Replaces a calendar's definition. Open tickets keep the calendar they copied at open." })
  @Put(':calendarId')
  @CommandEndpoint('sla:write')
  updateCalendar(
    @PathParam('calendarId') calendarId: string,
    @ValidBody(CalendarInput, 'UpdateCalendarRequest') request: CalendarInput,
    @CommandMetaOf() meta: CommandMeta,
  ): Promise<CommandResult> {
    return this.commands.execute(new Send(updateCalendar(calendarId, request), meta));
  }
}
