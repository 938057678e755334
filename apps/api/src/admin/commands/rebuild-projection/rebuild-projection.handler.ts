import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { ProjectionAdmin, ProjectionStatusService, type ProjectionStatus } from '@app/projections';
import { ApiError } from '../../../shared/api-error';
import { RebuildProjectionCommand } from './rebuild-projection.command';

/** Starts a rebuild beside the live read model; the projector leader fills it and swaps when caught up. */
@CommandHandler(RebuildProjectionCommand)
export class RebuildProjectionHandler implements ICommandHandler<RebuildProjectionCommand, ProjectionStatus> {
  constructor(
    private readonly admin: ProjectionAdmin,
    private readonly status: ProjectionStatusService,
  ) {}

  async execute({ name }: RebuildProjectionCommand): Promise<ProjectionStatus> {
    const projection = this.admin.find(name);
    if (!projection)
      throw new ApiError(404, 'projection_not_found', `no projection is named '${name}'`, {
        known: this.admin.projections.map((p) => p.name),
      });
    await this.admin.rebuilder(projection).request();
    const [status] = await this.status.list(name);
    return status;
  }
}
