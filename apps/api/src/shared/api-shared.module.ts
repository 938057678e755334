import { Module } from '@nestjs/common';
import { ProjectionsModule } from '@app/projections';
import { ApiCredentials } from './auth/api-credentials';
import { AuthGuard } from './auth/auth.guard';
import { CommandResponseInterceptor } from './command-response.interceptor';
import { CommandSideModule } from './command-side.module';
import { IdempotencyStore } from './idempotency-store';
import { ReadModels } from './read-model';

/** What every HTTP slice uses on top of the command side: authentication, idempotency keys, command answers, read models. */
@Module({
  imports: [CommandSideModule, ProjectionsModule],
  providers: [ApiCredentials, AuthGuard, IdempotencyStore, CommandResponseInterceptor, ReadModels],
  exports: [CommandSideModule, ProjectionsModule, ApiCredentials, AuthGuard, IdempotencyStore, CommandResponseInterceptor, ReadModels],
})
export class ApiSharedModule {}
