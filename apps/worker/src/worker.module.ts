import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { RelayModule } from '@app/messaging';
import { PlatformModule } from '@app/platform';
import { ProjectorModule } from '@app/projections';
import { SlaClockModule } from '@app/sla-clock';

/**
 * The worker process: runs the roles named in ROLES (projector, sla-clock, relay) beside
 * /health, /ready and /metrics.
 */
@Module({ imports: [PlatformModule, CqrsModule.forRoot(), ProjectorModule, SlaClockModule, RelayModule] })
export class WorkerModule {}
