import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { CommandMeta, CommandResult } from '@app/commanding';
import { MergeTicketCommand } from '@app/commands';
import { CommandEndpoint } from '../../../shared/command-endpoint.decorator';
import { CommandMetaOf } from '../../../shared/command-meta.decorator';
import { CommandResponseDto } from '../../../shared/command-response.dto';
import { IdPipe } from '../../../shared/stream-id.pipe';
import { MergeTicketRequest } from './merge-ticket.request.dto';

@ApiTags('tickets')
@Controller('v1/tickets')
export class MergeTicketHttpController {
  constructor(private readonly commands: CommandBus) {}

  /** Merges this ticket into another open ticket of the same account; this one closes and its SLA targets are cancelled. */
  @Post(':id/merge')
  @HttpCode(200)
  @CommandEndpoint('tickets:write')
  @ApiOkResponse({ type: CommandResponseDto })
  mergeTicket(
    @Param('id', IdPipe) id: string,
    @Body() request: MergeTicketRequest,
    @CommandMetaOf() meta: CommandMeta,
  ): Promise<CommandResult> {
    return this.commands.execute(new MergeTicketCommand(id, request, meta));
  }
}
