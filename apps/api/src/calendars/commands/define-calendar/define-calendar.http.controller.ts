import { randomUUID } from 'node:crypto';
import { Controller, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Send, type CommandMeta, type CommandResult } from '@app/commanding';
import { DefineCalendar, defineCalendar } from '@app/requests';
import { CommandEndpoint } from '../../../shared/command-endpoint.decorator';
import { CommandMetaOf } from '../../../shared/command-meta.decorator';
import { ValidBody } from '../../../shared/request.decorators';

@ApiTags('calendars')
@Controller('v1/calendars')
export class DefineCalendarHttpController {
  constructor(private readonly commands: CommandBus) {}

  @ApiOperation({ summary: 'Defines a business calendar: IANA zone, weekly hours, holidays.' })
  @Post()
  @CommandEndpoint('sla:write', { creates: true })
  async defineCalendar(
    @ValidBody(DefineCalendar, 'DefineCalendarRequest') request: DefineCalendar,
    @CommandMetaOf() meta: CommandMeta,
  ): Promise<CommandResult> {
    const id = request.id ?? randomUUID();
    return {
      ...(await this.commands.execute<Send, CommandResult>(new Send(defineCalendar(id, request), meta))),
      id,
    };
  }
}
