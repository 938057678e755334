import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { CommandMeta, CommandResult } from '@app/commanding';
import { EscalateTicketCommand } from '@app/commands';
import { CommandEndpoint } from '../../../shared/command-endpoint.decorator';
import { CommandMetaOf } from '../../../shared/command-meta.decorator';
import { CommandResponseDto } from '../../../shared/command-response.dto';
import { IdPipe } from '../../../shared/stream-id.pipe';
import { EscalateTicketRequest } from './escalate-ticket.request.dto';

@ApiTags('tickets')
@Controller('v1/tickets')
export class EscalateTicketHttpController {
  constructor(private readonly commands: CommandBus) {}

  /** Escalates to l2, engineering or account management, with the reason. */
  @Post(':id/escalations')
  @HttpCode(200)
  @CommandEndpoint('tickets:write')
  @ApiOkResponse({ type: CommandResponseDto })
  escalateTicket(
    @Param('id', IdPipe) id: string,
    @Body() request: EscalateTicketRequest,
    @CommandMetaOf() meta: CommandMeta,
  ): Promise<CommandResult> {
    return this.commands.execute(new EscalateTicketCommand(id, request, meta));
  }
}
