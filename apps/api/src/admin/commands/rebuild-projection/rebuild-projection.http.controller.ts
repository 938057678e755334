import { Controller, HttpCode, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiAcceptedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ALL_PROJECTIONS } from '@app/projections';
import { OneOf } from '@app/validation';
import type { ProjectionResponse } from '../../../openapi/responses';
import { Authorized } from '../../../shared/auth/auth.guard';
import { PathParam } from '../../../shared/request.decorators';

const ProjectionName = OneOf(ALL_PROJECTIONS.map((projection) => projection.name));
import { RebuildProjectionCommand } from './rebuild-projection.command';

@ApiTags('admin')
@Controller('v1/admin/projections')
export class RebuildProjectionHttpController {
  constructor(private readonly commands: CommandBus) {}

  @ApiOperation({
    summary: 'Rebuilds a read model from position 0 beside the live one and swaps when caught up; queries stay online.',
  })
  @Post(':name/rebuild')
  @HttpCode(202)
  @Authorized('admin')
  @ApiAcceptedResponse({
    description: 'Rebuild requested (or already running); the body is the projection status',
    schema: { $ref: '#/components/schemas/ProjectionResponse' },
  })
  rebuildProjection(@PathParam('name', ProjectionName) name: string): Promise<ProjectionResponse> {
    return this.commands.execute(new RebuildProjectionCommand(name));
  }
}
