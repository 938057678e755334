import { Controller, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiAcceptedResponse, ApiTags } from '@nestjs/swagger';
import type { ProjectionResponse } from '../../../openapi/responses';
import { Authorized } from '../../../shared/auth/auth.guard';
import { RebuildProjectionCommand } from './rebuild-projection.command';

@ApiTags('admin')
@Controller('v1/admin/projections')
export class RebuildProjectionHttpController {
  constructor(private readonly commands: CommandBus) {}

  /** Rebuilds a read model from position 0 beside the live one and swaps when caught up; queries stay online. */
  @Post(':name/rebuild')
  @HttpCode(202)
  @Authorized('admin')
  @ApiAcceptedResponse({
    description: 'Rebuild requested (or already running); the body is the projection status',
    schema: { $ref: '#/components/schemas/ProjectionResponse' },
  })
  rebuildProjection(@Param('name') name: string): Promise<ProjectionResponse> {
    return this.commands.execute(new RebuildProjectionCommand(name));
  }
}
