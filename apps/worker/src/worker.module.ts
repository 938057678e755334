import { Module } from '@nestjs/common';
import { PlatformModule } from '@app/platform';
import { ProjectorModule } from '@app/projections';

/**
 * The worker process: runs the roles named in ROLES (projector, sla-clock, relay; DESIGN §1) beside
 * /health, /ready and /metrics. The projector runs the read-model projections; sla-clock and relay
 * arrive with their issues.
 */
@Module({ imports: [PlatformModule, ProjectorModule] })
export class WorkerModule {}
