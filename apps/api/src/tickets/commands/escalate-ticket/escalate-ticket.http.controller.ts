import { Controller, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Send, type CommandMeta, type CommandResult } from '@app/commanding';
import { EscalateTicket, escalateTicket } from '@app/requests';
import { CommandEndpoint } from '../../../shared/command-endpoint.decorator';
import { CommandMetaOf } from '../../../shared/command-meta.decorator';
import { PathParam, ValidBody } from '../../../shared/request.decorators';

@ApiTags('tickets')
@Controller('v1/tickets')
export class EscalateTicketHttpController {
  constructor(private readonly commands: CommandBus) {}

  @ApiOperation({ summary: 'Escalates to l2, engineering or account management, with the reason.' })
  @Post(':id/escalations')
  @CommandEndpoint('tickets:write')
  escalateTicket(
    @PathParam('id') id: string,
    @ValidBody(EscalateTicket, 'EscalateTicketRequest') request: EscalateTicket,
    @CommandMetaOf() meta: CommandMeta,
  ): Promise<CommandResult> {
    return this.commands.execute(new Send(escalateTicket(id, request), meta));
  }
}
