import { Controller, Get, Res } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { SlaPolicyState } from '@app/domain';
import type { CurrentState } from '../../../shared/current-state.reader';
import { Authorized } from '../../../shared/auth/auth.guard';
import { withETag } from '../../../shared/etag';
import { GetSlaPolicyQuery } from './get-sla-policy.query';
import { ApiAnswer } from '../../../openapi/api-answer.decorator';
import type { SlaPolicyResponse } from '../../../openapi/responses';
import { PathParam } from '../../../shared/request.decorators';

@ApiTags('sla-policies')
@Controller('v1/sla-policies')
export class GetSlaPolicyHttpController {
  constructor(private readonly queries: QueryBus) {}

  @ApiOperation({ summary: 'The policy as of its latest revision (the ETag).' })
  @Get(':policyId')
  @ApiAnswer('SlaPolicyResponse')
  @Authorized('read')
  async getSlaPolicy(
    @PathParam('policyId') policyId: string,
    @Res({ passthrough: true }) response: Response,
  ): Promise<SlaPolicyResponse> {
    const current = await this.queries.execute<GetSlaPolicyQuery, CurrentState<SlaPolicyState & { exists: true }>>(
      new GetSlaPolicyQuery(policyId),
    );
    return withETag(response, current, { id: current.state.policyId, ...current.state.definition });
  }
}
