import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { CommandResult } from '@app/commanding';
import { SlaPolicyWriter } from '../sla-policy.writer';
import { DefineSlaPolicyCommand } from './define-sla-policy.command';

@CommandHandler(DefineSlaPolicyCommand)
export class DefineSlaPolicyHandler implements ICommandHandler<DefineSlaPolicyCommand, CommandResult> {
  constructor(private readonly writer: SlaPolicyWriter) {}

  execute({ id: policyId, payload, meta }: DefineSlaPolicyCommand): Promise<CommandResult> {
    return this.writer.write('DefineSlaPolicy', policyId, payload, meta);
  }
}
