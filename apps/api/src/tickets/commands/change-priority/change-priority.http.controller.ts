import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { CommandMeta, CommandResult } from '@app/commanding';
import { ChangePriorityCommand } from '@app/commands';
import { CommandEndpoint } from '../../../shared/command-endpoint.decorator';
import { CommandMetaOf } from '../../../shared/command-meta.decorator';
import { CommandResponseDto } from '../../../shared/command-response.dto';
import { IdPipe } from '../../../shared/stream-id.pipe';
import { ChangePriorityRequest } from './change-priority.request.dto';

@ApiTags('tickets')
@Controller('v1/tickets')
export class ChangePriorityHttpController {
  constructor(private readonly commands: CommandBus) {}

  /** Changes the priority; running SLA targets take the new priority’s budget. */
  @Post(':id/priority')
  @HttpCode(200)
  @CommandEndpoint('tickets:write')
  @ApiOkResponse({ type: CommandResponseDto })
  changePriority(
    @Param('id', IdPipe) id: string,
    @Body() request: ChangePriorityRequest,
    @CommandMetaOf() meta: CommandMeta,
  ): Promise<CommandResult> {
    return this.commands.execute(new ChangePriorityCommand(id, request, meta));
  }
}
