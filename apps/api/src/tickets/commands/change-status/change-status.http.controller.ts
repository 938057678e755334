import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { CommandMeta, CommandResult } from '@app/commanding';
import { ChangeStatusCommand } from '@app/commands';
import { CommandEndpoint } from '../../../shared/command-endpoint.decorator';
import { CommandMetaOf } from '../../../shared/command-meta.decorator';
import { CommandResponseDto } from '../../../shared/command-response.dto';
import { IdPipe } from '../../../shared/stream-id.pipe';
import { ChangeStatusRequest } from './change-status.request.dto';

@ApiTags('tickets')
@Controller('v1/tickets')
export class ChangeStatusHttpController {
  constructor(private readonly commands: CommandBus) {}

  /** Moves the ticket through open, pending, on_hold, solved and closed; pause statuses stop the SLA clock. */
  @Post(':id/status')
  @HttpCode(200)
  @CommandEndpoint('tickets:write')
  @ApiOkResponse({ type: CommandResponseDto })
  changeStatus(
    @Param('id', IdPipe) id: string,
    @Body() request: ChangeStatusRequest,
    @CommandMetaOf() meta: CommandMeta,
  ): Promise<CommandResult> {
    return this.commands.execute(new ChangeStatusCommand(id, request, meta));
  }
}
