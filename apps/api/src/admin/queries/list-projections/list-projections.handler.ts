import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { ProjectionStatusService, type ProjectionStatus } from '@app/projections';
import { ListProjectionsQuery } from './list-projections.query';

@QueryHandler(ListProjectionsQuery)
export class ListProjectionsHandler implements IQueryHandler<
  ListProjectionsQuery,
  { projections: ProjectionStatus[] }
> {
  constructor(private readonly status: ProjectionStatusService) {}

  async execute(): Promise<{ projections: ProjectionStatus[] }> {
    return { projections: await this.status.list() };
  }
}
