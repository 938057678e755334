import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { PlatformModule } from '@app/platform';
import { AccountsModule } from '../../api/src/accounts/accounts.module';
import { CalendarsModule } from '../../api/src/calendars/calendars.module';
import { SlaPoliciesModule } from '../../api/src/sla-policies/sla-policies.module';
import { TicketsModule } from '../../api/src/tickets/tickets.module';
import { MigrateCommand } from './migrate.command';
import { SeedCommand } from './seed/seed.command';
import { StatusCommand } from './status.command';

/** Operator commands; `seed` sends its commands through the same handlers as the HTTP API. */
@Module({
  imports: [PlatformModule, CqrsModule.forRoot(), CalendarsModule, SlaPoliciesModule, AccountsModule, TicketsModule],
  providers: [MigrateCommand, StatusCommand, SeedCommand],
})
export class CliModule {}
