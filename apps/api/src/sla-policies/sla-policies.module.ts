import { Module } from '@nestjs/common';
import { CommandSideModule } from '../shared/command-side.module';
import { DefineSlaPolicyHandler } from './commands/define-sla-policy/define-sla-policy.handler';
import { UpdateSlaPolicyHandler } from './commands/update-sla-policy/update-sla-policy.handler';
import { GetSlaPolicyHandler } from './queries/get-sla-policy/get-sla-policy.handler';
import { SlaPolicyWriter } from './sla-policy.writer';

/** The sla-policies command and query handlers, usable without HTTP. */
@Module({
  imports: [CommandSideModule],
  providers: [
    SlaPolicyWriter,
    DefineSlaPolicyHandler,
    UpdateSlaPolicyHandler,
    GetSlaPolicyHandler,
  ],
})
export class SlaPoliciesModule {}
