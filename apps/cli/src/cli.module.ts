import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { CommandingModule } from '@app/commanding';
import { LedgerProofsModule } from '@app/ledger';
import { PlatformModule } from '@app/platform';
import { ProjectionsModule } from '@app/projections';
import { ExportCommand, ExportEventsCommand } from './export/export.command';
import { LedgerCommand, LedgerRebuildCommand, LedgerStatusCommand, ProveCommand } from './ledger/ledger.command';
import { MigrateCommand } from './migrate.command';
import { MigrateStoreCommand } from './migrate-store/migrate-store.command';
import {
  ProjectionsCommand,
  ProjectionsRebuildCommand,
  ProjectionsStatusCommand,
} from './projections/projections.command';
import { RelayCommand, RelayResetCommand, RelayStatusCommand } from './relay/relay.command';
import { ReplayAccountCommand, ReplayCommand } from './replay/replay.command';
import { VerifyCommand } from './verify/verify.command';
import { SeedCommand } from './seed/seed.command';
import { StatusCommand } from './status.command';

/** Operator commands; `seed` sends its commands through the same handlers as the HTTP API; read models are rebuilt here too. */
@Module({
  imports: [PlatformModule, CqrsModule.forRoot(), ProjectionsModule, CommandingModule, LedgerProofsModule],
  providers: [
    MigrateCommand,
    MigrateStoreCommand,
    StatusCommand,
    SeedCommand,
    ProjectionsCommand,
    ProjectionsStatusCommand,
    ProjectionsRebuildCommand,
    ReplayCommand,
    ReplayAccountCommand,
    ExportCommand,
    VerifyCommand,
    ExportEventsCommand,
    RelayCommand,
    RelayStatusCommand,
    RelayResetCommand,
    LedgerCommand,
    LedgerStatusCommand,
    LedgerRebuildCommand,
    ProveCommand,
  ],
})
export class CliModule {}
