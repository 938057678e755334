import { Controller, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Send, type CommandMeta, type CommandResult } from '@app/commanding';
import { MergeTicket, mergeTicket } from '@app/requests';
import { CommandEndpoint } from '../../../shared/command-endpoint.decorator';
import { CommandMetaOf } from '../../../shared/command-meta.decorator';
import { PathParam, ValidBody } from '../../../shared/request.decorators';

@ApiTags('tickets')
@Controller('v1/tickets')
export class MergeTicketHttpController {
  constructor(private readonly commands: CommandBus) {}

  @ApiOperation({
    summary:
      'Merges this ticket into another open ticket of the same account; this one closes and its SLA targets are cancelled.',
  })
  @Post(':id/merge')
  @CommandEndpoint('tickets:write')
  mergeTicket(
    @PathParam('id') id: string,
    @ValidBody(MergeTicket, 'MergeTicketRequest') request: MergeTicket,
    @CommandMetaOf() meta: CommandMeta,
  ): Promise<CommandResult> {
    return this.commands.execute(new Send(mergeTicket(id, request), meta));
  }
}
