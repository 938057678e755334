import { Controller, Get } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Authorized } from '../../../shared/auth/auth.guard';
import { ListProjectionsQuery } from './list-projections.query';
import { ApiAnswer } from '../../../openapi/api-answer.decorator';
import type { ProjectionsResponse } from '../../../openapi/responses';

@ApiTags('admin')
@Controller('v1/admin/projections')
export class ListProjectionsHttpController {
  constructor(private readonly queries: QueryBus) {}

  @ApiOperation({
    summary:
      'Every projection: state (running, rebuilding, failed with the error and position), position, lag in events and seconds.',
  })
  @Get()
  @ApiAnswer('ProjectionsResponse')
  @Authorized('admin')
  listProjections(): Promise<ProjectionsResponse> {
    return this.queries.execute(new ListProjectionsQuery());
  }
}
