import { Controller, Get } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import type { ProjectionStatus } from '@app/projections';
import { Authorized } from '../../../shared/auth/auth.guard';
import { ListProjectionsQuery } from './list-projections.query';

@ApiTags('admin')
@Controller('v1/admin/projections')
export class ListProjectionsHttpController {
  constructor(private readonly queries: QueryBus) {}

  /** Every projection: state (running, rebuilding, failed with the error and position), position, lag in events and seconds. */
  @Get()
  @Authorized('admin')
  listProjections(): Promise<{ projections: ProjectionStatus[] }> {
    return this.queries.execute(new ListProjectionsQuery());
  }
}
