import { Controller, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Send, type CommandMeta, type CommandResult } from '@app/commanding';
import { ChangePriority, changePriority } from '@app/requests';
import { CommandEndpoint } from '../../../shared/command-endpoint.decorator';
import { CommandMetaOf } from '../../../shared/command-meta.decorator';
import { PathParam, ValidBody } from '../../../shared/request.decorators';

@ApiTags('tickets')
@Controller('v1/tickets')
export class ChangePriorityHttpController {
  constructor(private readonly commands: CommandBus) {}

  @ApiOperation({ summary: 'Changes the priority; running SLA targets take the new priority’s budget.' })
  @Post(':id/priority')
  @CommandEndpoint('tickets:write')
  changePriority(
    @PathParam('id') id: string,
    @ValidBody(ChangePriority, 'ChangePriorityRequest') request: ChangePriority,
    @CommandMetaOf() meta: CommandMeta,
  ): Promise<CommandResult> {
    return this.commands.execute(new Send(changePriority(id, request), meta));
  }
}
