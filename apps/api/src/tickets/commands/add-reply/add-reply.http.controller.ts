import { randomUUID } from 'node:crypto';
import { Controller, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Send, type CommandMeta, type CommandResult } from '@app/commanding';
import { AddReply, addReply } from '@app/requests';
import { CommandEndpoint } from '../../../shared/command-endpoint.decorator';
import { CommandMetaOf } from '../../../shared/command-meta.decorator';
import { PathParam, ValidBody } from '../../../shared/request.decorators';

@ApiTags('tickets')
@Controller('v1/tickets')
export class AddReplyHttpController {
  constructor(private readonly commands: CommandBus) {}

  @ApiOperation({
    summary: 'Adds a reply: a public agent reply answers the SLA; a customer reply may start next response.',
  })
  @Post(':id/replies')
  @CommandEndpoint('tickets:write')
  addReply(
    @PathParam('id') id: string,
    @ValidBody(AddReply, 'AddReplyRequest') request: AddReply,
    @CommandMetaOf() meta: CommandMeta,
  ): Promise<CommandResult> {
    return this.commands.execute(new Send(addReply(id, randomUUID(), request), meta));
  }
}
