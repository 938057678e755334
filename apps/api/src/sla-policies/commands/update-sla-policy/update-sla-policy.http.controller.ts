import { Controller, Put } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Send, type CommandMeta, type CommandResult } from '@app/commanding';
import { SlaPolicyInput, updateSlaPolicy } from '@app/requests';
import { CommandEndpoint } from '../../../shared/command-endpoint.decorator';
import { CommandMetaOf } from '../../../shared/command-meta.decorator';
import { PathParam, ValidBody } from '../../../shared/request.decorators';

@ApiTags('sla-policies')
@Controller('v1/sla-policies')
export class UpdateSlaPolicyHttpController {
  constructor(private readonly commands: CommandBus) {}

  @ApiOperation({ summary: "Replaces a policy's definition for tickets opened from now on." })
  @Put(':policyId')
  @CommandEndpoint('sla:write')
  updateSlaPolicy(
    @PathParam('policyId') policyId: string,
    @ValidBody(SlaPolicyInput, 'UpdateSlaPolicyRequest') request: SlaPolicyInput,
    @CommandMetaOf() meta: CommandMeta,
  ): Promise<CommandResult> {
    return this.commands.execute(new Send(updateSlaPolicy(policyId, request), meta));
  }
}
