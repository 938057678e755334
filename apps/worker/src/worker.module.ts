import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { PlatformModule } from '@app/platform';
import { ProjectorModule } from '@app/projections';
import { SlaClockModule } from '../../api/src/sla-clock/sla-clock.module';

/**
 * The worker process: runs the roles named in ROLES (projector, sla-clock, relay; DESIGN §1) beside
 * /health, /ready and /metrics. The relay arrives with its issue.
 */
@Module({ imports: [PlatformModule, CqrsModule.forRoot(), ProjectorModule, SlaClockModule] })
export class WorkerModule {}
