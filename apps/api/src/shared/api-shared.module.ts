import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { CommandingModule } from '@app/commanding';
import { AggregateReader } from './aggregate-reader';
import { ApiCredentials } from './auth/api-credentials';
import { AuthGuard } from './auth/auth.guard';
import { CommandResponseInterceptor } from './command-response.interceptor';
import { IdempotencyStore } from './idempotency-store';

/** What every slice of the API uses: buses, the write path, authentication, idempotency, stream reads. */
@Module({
  imports: [CqrsModule, CommandingModule],
  providers: [ApiCredentials, AuthGuard, IdempotencyStore, CommandResponseInterceptor, AggregateReader],
  exports: [CqrsModule, CommandingModule, ApiCredentials, AuthGuard, IdempotencyStore, CommandResponseInterceptor, AggregateReader],
})
export class ApiSharedModule {}
