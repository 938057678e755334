import { randomUUID } from 'node:crypto';
import { Body, Controller, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiCreatedResponse, ApiTags } from '@nestjs/swagger';
import type { CommandMeta, CommandResult } from '@app/commanding';
import { DefineSlaPolicyCommand } from '@app/commands';
import { CommandEndpoint } from '../../../shared/command-endpoint.decorator';
import { CommandMetaOf } from '../../../shared/command-meta.decorator';
import { CommandResponseDto } from '../../../shared/command-response.dto';
import { DefineSlaPolicyRequest } from './define-sla-policy.request.dto';

@ApiTags('sla-policies')
@Controller('v1/sla-policies')
export class DefineSlaPolicyHttpController {
  constructor(private readonly commands: CommandBus) {}

  /** Defines an SLA policy: tiers, calendar, targets per priority, pause statuses, at-risk threshold. */
  @Post()
  @CommandEndpoint('sla:write')
  @ApiCreatedResponse({ type: CommandResponseDto })
  async defineSlaPolicy(
    @Body() request: DefineSlaPolicyRequest,
    @CommandMetaOf() meta: CommandMeta,
  ): Promise<CommandResult> {
    const id = request.id ?? randomUUID();
    return {
      ...(await this.commands.execute<DefineSlaPolicyCommand, CommandResult>(
        new DefineSlaPolicyCommand(id, request, meta),
      )),
      id,
    };
  }
}
