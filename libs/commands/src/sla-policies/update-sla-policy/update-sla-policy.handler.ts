import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { CommandResult } from '@app/commanding';
import { SlaPolicyWriter } from '../sla-policy.writer';
import { UpdateSlaPolicyCommand } from './update-sla-policy.command';

@CommandHandler(UpdateSlaPolicyCommand)
export class UpdateSlaPolicyHandler implements ICommandHandler<UpdateSlaPolicyCommand, CommandResult> {
  constructor(private readonly writer: SlaPolicyWriter) {}

  execute({ id: policyId, payload, meta }: UpdateSlaPolicyCommand): Promise<CommandResult> {
    return this.writer.write('UpdateSlaPolicy', policyId, payload, meta);
  }
}
