import { Injectable } from '@nestjs/common';
import { CommandExecutor, type CommandMeta, type CommandResult } from '@app/commanding';
import { calendarDecider, slaPolicyDecider, type SlaPolicyCommand } from '@app/domain';
import { AggregateReader } from '../shared/aggregate-reader';
import { streams } from '../shared/stream-id.pipe';
import { toSlaPolicyDefinition, type SlaPolicyDefinitionDto } from './sla-policy-definition.dto';

/** Define and update share their work: the named calendar must exist, and fit the targets, when the policy is written. */
@Injectable()
export class SlaPolicyWriter {
  constructor(
    private readonly executor: CommandExecutor,
    private readonly reader: AggregateReader,
  ) {}

  async write(kind: SlaPolicyCommand['kind'], policyId: string, request: SlaPolicyDefinitionDto, meta: CommandMeta): Promise<CommandResult> {
    const definition = toSlaPolicyDefinition(request);
    const named = definition.calendarId === null ? undefined : await this.reader.state(streams.calendar(definition.calendarId), calendarDecider);
    const calendar = named?.exists ? named.definition : null;
    return this.executor.on(streams.slaPolicy(policyId), slaPolicyDecider).execute(() => ({ kind, policyId, definition, calendar }), meta);
  }
}
