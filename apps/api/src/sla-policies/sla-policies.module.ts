import { Module } from '@nestjs/common';
import { ApiSharedModule } from '../shared/api-shared.module';
import { DefineSlaPolicyHandler } from './commands/define-sla-policy/define-sla-policy.handler';
import { DefineSlaPolicyHttpController } from './commands/define-sla-policy/define-sla-policy.http.controller';
import { UpdateSlaPolicyHandler } from './commands/update-sla-policy/update-sla-policy.handler';
import { UpdateSlaPolicyHttpController } from './commands/update-sla-policy/update-sla-policy.http.controller';
import { GetSlaPolicyHandler } from './queries/get-sla-policy/get-sla-policy.handler';
import { GetSlaPolicyHttpController } from './queries/get-sla-policy/get-sla-policy.http.controller';
import { SlaPolicyWriter } from './sla-policy.writer';

@Module({
  imports: [ApiSharedModule],
  controllers: [DefineSlaPolicyHttpController, UpdateSlaPolicyHttpController, GetSlaPolicyHttpController],
  providers: [SlaPolicyWriter, DefineSlaPolicyHandler, UpdateSlaPolicyHandler, GetSlaPolicyHandler],
})
export class SlaPoliciesModule {}
