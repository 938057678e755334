import { randomUUID } from 'node:crypto';
import { Controller, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { CommandMeta, CommandResult } from '@app/commanding';
import { DefineSlaPolicy, DefineSlaPolicyCommand } from '@app/commands';
import { CommandEndpoint } from '../../../shared/command-endpoint.decorator';
import { CommandMetaOf } from '../../../shared/command-meta.decorator';
import { ValidBody } from '../../../shared/request.decorators';

@ApiTags('sla-policies')
@Controller('v1/sla-policies')
export class DefineSlaPolicyHttpController {
  constructor(private readonly commands: CommandBus) {}

  @ApiOperation({
    summary: 'Defines an SLA policy: tiers, calendar, targets per priority, pause statuses, at-risk threshold.',
  })
  @Post()
  @CommandEndpoint('sla:write', { creates: true })
  async defineSlaPolicy(
    @ValidBody(DefineSlaPolicy, 'DefineSlaPolicyRequest') request: DefineSlaPolicy,
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
