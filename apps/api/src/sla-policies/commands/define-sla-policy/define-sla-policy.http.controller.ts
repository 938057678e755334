import { randomUUID } from 'node:crypto';
import { Controller, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Send, type CommandMeta, type CommandResult } from '@app/commanding';
import { DefineSlaPolicy, defineSlaPolicy } from '@app/requests';
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
      ...(await this.commands.execute<Send, CommandResult>(new Send(defineSlaPolicy(id, request), meta))),
      id,
    };
  }
}
