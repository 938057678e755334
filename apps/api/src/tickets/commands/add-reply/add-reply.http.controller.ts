import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { CommandMeta, CommandResult } from '@app/commanding';
import { AddReplyCommand } from '@app/commands';
import { CommandEndpoint } from '../../../shared/command-endpoint.decorator';
import { CommandMetaOf } from '../../../shared/command-meta.decorator';
import { CommandResponseDto } from '../../../shared/command-response.dto';
import { IdPipe } from '../../../shared/stream-id.pipe';
import { AddReplyRequest } from './add-reply.request.dto';

@ApiTags('tickets')
@Controller('v1/tickets')
export class AddReplyHttpController {
  constructor(private readonly commands: CommandBus) {}

  /** Adds a reply: a public agent reply answers the SLA; a customer reply may start next response. */
  @Post(':id/replies')
  @HttpCode(200)
  @CommandEndpoint('tickets:write')
  @ApiOkResponse({ type: CommandResponseDto })
  addReply(
    @Param('id', IdPipe) id: string,
    @Body() request: AddReplyRequest,
    @CommandMetaOf() meta: CommandMeta,
  ): Promise<CommandResult> {
    return this.commands.execute(new AddReplyCommand(id, request, meta));
  }
}
