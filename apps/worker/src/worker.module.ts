import { Module } from '@nestjs/common';
import { PlatformModule } from '@app/platform';

/**
 * The worker process: runs the roles named in ROLES (projector, sla-clock, relay; DESIGN §1) beside
 * /health, /ready and /metrics. Each role arrives as a module with its own issue.
 */
@Module({ imports: [PlatformModule] })
export class WorkerModule {}
