import { Module } from '@nestjs/common';
import { ApiSharedModule } from '../shared/api-shared.module';
import { GetSlaPolicyHandler } from './queries/get-sla-policy/get-sla-policy.handler';
import { DefineSlaPolicyHttpController } from './commands/define-sla-policy/define-sla-policy.http.controller';
import { UpdateSlaPolicyHttpController } from './commands/update-sla-policy/update-sla-policy.http.controller';
import { GetSlaPolicyHttpController } from './queries/get-sla-policy/get-sla-policy.http.controller';

/** The sla-policies endpoints under /v1. */
@Module({
  imports: [ApiSharedModule],
  controllers: [DefineSlaPolicyHttpController, UpdateSlaPolicyHttpController, GetSlaPolicyHttpController],
  providers: [GetSlaPolicyHandler],
})
export class SlaPoliciesHttpModule {}
