import { randomUUID } from 'node:crypto';
import { Controller, Get, Post, Put, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { type CommandMeta, type CommandResult } from '@app/commanding';
import { slaPolicyDecider, streams } from '@app/domain';
import { DefineSlaPolicy, defineSlaPolicy, SlaPolicyInput, updateSlaPolicy } from '@app/requests';
import { ApiAnswer } from '../openapi/api-answer.decorator';
import type { SlaPolicyResponse } from '../openapi/responses';
import { Authorized } from '../shared/auth/auth.guard';
import { Commands } from '../shared/command-answer';
import { CommandEndpoint } from '../shared/command-endpoint.decorator';
import { CommandMetaOf } from '../shared/command-meta.decorator';
import { CurrentStateReader } from '../shared/current-state.reader';
import { withETag } from '../shared/etag';
import { PathParam, ValidBody } from '../shared/request.decorators';

/** The SLA policies under /v1/sla-policies: define, update, read from their streams. */
@ApiTags('sla-policies')
@Controller('v1/sla-policies')
export class SlaPoliciesHttpController {
  constructor(
    private readonly commands: Commands,
    private readonly reader: CurrentStateReader,
  ) {}

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
      ...(await this.commands.send(defineSlaPolicy(id, request), meta)),
      id,
    };
  }

  @ApiOperation({ summary: "Replaces a policy's definition for tickets opened from now on." })
  @Put(':policyId')
  @CommandEndpoint('sla:write')
  updateSlaPolicy(
    @PathParam('policyId') policyId: string,
    @ValidBody(SlaPolicyInput, 'UpdateSlaPolicyRequest') request: SlaPolicyInput,
    @CommandMetaOf() meta: CommandMeta,
  ): Promise<CommandResult> {
    return this.commands.send(updateSlaPolicy(policyId, request), meta);
  }

  @ApiOperation({ summary: 'The policy as of its latest revision (the ETag).' })
  @Get(':policyId')
  @ApiAnswer('SlaPolicyResponse')
  @Authorized('read')
  async getSlaPolicy(
    @PathParam('policyId') policyId: string,
    @Res({ passthrough: true }) response: Response,
  ): Promise<SlaPolicyResponse> {
    const current = await this.reader.read(streams.slaPolicy(policyId), slaPolicyDecider, 'sla_policy');
    return withETag(response, current, { id: current.state.policyId, ...current.state.definition });
  }
}
