import { Module } from '@nestjs/common';
import { CommandingModule } from '@app/commanding';
import { ProjectionsModule } from '@app/projections';
import { ApiCredentials } from './auth/api-credentials';
import { AuthGuard } from './auth/auth.guard';
import { Commands } from './command-answer';
import { CurrentStateReader } from './current-state.reader';
import { IdempotencyStore } from './idempotency-store';
import { ReadModels, ReadYourWrites } from './read-model';

/** What every HTTP slice uses on top of the command side: authentication, idempotency keys, command answers, read models. */
@Module({
  imports: [CommandingModule, ProjectionsModule],
  providers: [CurrentStateReader, ApiCredentials, AuthGuard, IdempotencyStore, Commands, ReadModels, ReadYourWrites],
  exports: [
    CommandingModule,
    ProjectionsModule,
    CurrentStateReader,
    ApiCredentials,
    AuthGuard,
    IdempotencyStore,
    Commands,
    ReadModels,
    ReadYourWrites,
  ],
})
export class ApiSharedModule {}
