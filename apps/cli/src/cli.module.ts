import { Module } from '@nestjs/common';
import { PlatformModule } from '@app/platform';
import { MigrateCommand } from './migrate.command';
import { StatusCommand } from './status.command';

@Module({ imports: [PlatformModule], providers: [MigrateCommand, StatusCommand] })
export class CliModule {}
