import { Module } from '@nestjs/common';
import { ApiCredentials } from './auth/api-credentials';
import { AuthGuard } from './auth/auth.guard';
import { CommandResponseInterceptor } from './command-response.interceptor';
import { CommandSideModule } from './command-side.module';
import { IdempotencyStore } from './idempotency-store';

/** What every HTTP slice uses on top of the command side: authentication, idempotency keys, command answers. */
@Module({
  imports: [CommandSideModule],
  providers: [ApiCredentials, AuthGuard, IdempotencyStore, CommandResponseInterceptor],
  exports: [CommandSideModule, ApiCredentials, AuthGuard, IdempotencyStore, CommandResponseInterceptor],
})
export class ApiSharedModule {}
