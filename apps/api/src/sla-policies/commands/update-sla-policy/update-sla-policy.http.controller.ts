import { Body, Controller, Param, Put } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { CommandMeta, CommandResult } from '@app/commanding';
import { UpdateSlaPolicyCommand } from '@app/commands';
import { CommandEndpoint } from '../../../shared/command-endpoint.decorator';
import { CommandMetaOf } from '../../../shared/command-meta.decorator';
import { CommandResponseDto } from '../../../shared/command-response.dto';
import { IdPipe } from '../../../shared/stream-id.pipe';
import { UpdateSlaPolicyRequest } from './update-sla-policy.request.dto';

@ApiTags('sla-policies')
@Controller('v1/sla-policies')
export class UpdateSlaPolicyHttpController {
  constructor(private readonly commands: CommandBus) {}

  /** Replaces a policy's definition for tickets opened from now on. */
  @Put(':policyId')
  @CommandEndpoint('sla:write')
  @ApiOkResponse({ type: CommandResponseDto })
  updateSlaPolicy(
    @Param('policyId', IdPipe) policyId: string,
    @Body() request: UpdateSlaPolicyRequest,
    @CommandMetaOf() meta: CommandMeta,
  ): Promise<CommandResult> {
    return this.commands.execute(new UpdateSlaPolicyCommand(policyId, request, meta));
  }
}
