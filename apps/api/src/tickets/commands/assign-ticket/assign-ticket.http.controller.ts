import { Controller, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Send, type CommandMeta, type CommandResult } from '@app/commanding';
import { AssignTicket, assignTicket } from '@app/requests';
import { CommandEndpoint } from '../../../shared/command-endpoint.decorator';
import { CommandMetaOf } from '../../../shared/command-meta.decorator';
import { PathParam, ValidBody } from '../../../shared/request.decorators';

@ApiTags('tickets')
@Controller('v1/tickets')
export class AssignTicketHttpController {
  constructor(private readonly commands: CommandBus) {}

  @ApiOperation({ summary: 'Assigns the ticket to a group (queue) and optionally an agent.' })
  @Post(':id/assignment')
  @CommandEndpoint('tickets:write')
  assignTicket(
    @PathParam('id') id: string,
    @ValidBody(AssignTicket, 'AssignTicketRequest') request: AssignTicket,
    @CommandMetaOf() meta: CommandMeta,
  ): Promise<CommandResult> {
    return this.commands.execute(new Send(assignTicket(id, request), meta));
  }
}
