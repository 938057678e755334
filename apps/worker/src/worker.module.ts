import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { LedgerModule } from '@app/ledger';
import { RelayModule } from '@app/messaging';
import { PlatformModule } from '@app/platform';
import { ProjectorModule } from '@app/projections';
import { SlaClockModule } from '@app/sla-clock';

/**
 * The worker process: runs the roles named in ROLES (projector, sla-clock, relay, ledger) beside
 * /health, /ready and /metrics.
 */
@Module({ imports: [PlatformModule, CqrsModule.forRoot(), ProjectorModule, SlaClockModule, RelayModule, LedgerModule] })
export class WorkerModule {}
