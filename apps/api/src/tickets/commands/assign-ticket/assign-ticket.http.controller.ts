import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { CommandMeta, CommandResult } from '@app/commanding';
import { AssignTicketCommand } from '@app/commands';
import { CommandEndpoint } from '../../../shared/command-endpoint.decorator';
import { CommandMetaOf } from '../../../shared/command-meta.decorator';
import { CommandResponseDto } from '../../../shared/command-response.dto';
import { IdPipe } from '../../../shared/stream-id.pipe';
import { AssignTicketRequest } from './assign-ticket.request.dto';

@ApiTags('tickets')
@Controller('v1/tickets')
export class AssignTicketHttpController {
  constructor(private readonly commands: CommandBus) {}

  /** Assigns the ticket to a group (queue) and optionally an agent. */
  @Post(':id/assignment')
  @HttpCode(200)
  @CommandEndpoint('tickets:write')
  @ApiOkResponse({ type: CommandResponseDto })
  assignTicket(
    @Param('id', IdPipe) id: string,
    @Body() request: AssignTicketRequest,
    @CommandMetaOf() meta: CommandMeta,
  ): Promise<CommandResult> {
    return this.commands.execute(new AssignTicketCommand(id, request, meta));
  }
}
