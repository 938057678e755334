import { Controller, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Send, type CommandMeta, type CommandResult } from '@app/commanding';
import { ChangeStatus, changeStatus } from '@app/requests';
import { CommandEndpoint } from '../../../shared/command-endpoint.decorator';
import { CommandMetaOf } from '../../../shared/command-meta.decorator';
import { PathParam, ValidBody } from '../../../shared/request.decorators';

@ApiTags('tickets')
@Controller('v1/tickets')
export class ChangeStatusHttpController {
  constructor(private readonly commands: CommandBus) {}

  @ApiOperation({
    summary: 'Moves the ticket through open, pending, on_hold, solved and closed; pause statuses stop the SLA clock.',
  })
  @Post(':id/status')
  @CommandEndpoint('tickets:write')
  changeStatus(
    @PathParam('id') id: string,
    @ValidBody(ChangeStatus, 'ChangeStatusRequest') request: ChangeStatus,
    @CommandMetaOf() meta: CommandMeta,
  ): Promise<CommandResult> {
    return this.commands.execute(new Send(changeStatus(id, request), meta));
  }
}
