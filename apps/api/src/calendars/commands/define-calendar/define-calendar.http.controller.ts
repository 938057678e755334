import { randomUUID } from 'node:crypto';
import { Body, Controller, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiCreatedResponse, ApiTags } from '@nestjs/swagger';
import type { CommandMeta, CommandResult } from '@app/commanding';
import { DefineCalendarCommand } from '@app/commands';
import { CommandEndpoint } from '../../../shared/command-endpoint.decorator';
import { CommandMetaOf } from '../../../shared/command-meta.decorator';
import { CommandResponseDto } from '../../../shared/command-response.dto';
import { DefineCalendarRequest } from './define-calendar.request.dto';

@ApiTags('calendars')
@Controller('v1/calendars')
export class DefineCalendarHttpController {
  constructor(private readonly commands: CommandBus) {}

  /** Defines a business calendar: IANA zone, weekly hours, holidays. */
  @Post()
  @CommandEndpoint('sla:write')
  @ApiCreatedResponse({ type: CommandResponseDto })
  async defineCalendar(
    @Body() request: DefineCalendarRequest,
    @CommandMetaOf() meta: CommandMeta,
  ): Promise<CommandResult> {
    const id = request.id ?? randomUUID();
    return {
      ...(await this.commands.execute<DefineCalendarCommand, CommandResult>(
        new DefineCalendarCommand(id, request, meta),
      )),
      id,
    };
  }
}
