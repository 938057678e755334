import { Injectable } from '@nestjs/common';
import { CommandExecutor, type CommandMeta, type CommandResult } from '@app/commanding';
import { calendarDecider, slaPolicyDecider, streams, type SlaPolicyCommand } from '@app/domain';
import { AggregateReader } from '../aggregate-reader';
import { toSlaPolicyDefinition, type SlaPolicyInput } from './sla-policy-input';

/** Define and update share their work: the named calendar must exist, and fit the targets, when the policy is written. */
@Injectable()
export class SlaPolicyWriter {
  constructor(
    private readonly executor: CommandExecutor,
    private readonly reader: AggregateReader,
  ) {}

  async write(
    kind: SlaPolicyCommand['kind'],
    policyId: string,
    payload: SlaPolicyInput,
    meta: CommandMeta,
  ): Promise<CommandResult> {
    const definition = toSlaPolicyDefinition(payload);
    const named =
      definition.calendarId === null
        ? undefined
        : await this.reader.state(streams.calendar(definition.calendarId), calendarDecider);
    const calendar = named?.exists ? named.definition : null;
    return this.executor.execute(
      streams.slaPolicy(policyId),
      slaPolicyDecider,
      (): SlaPolicyCommand => ({ kind, policyId, definition, calendar }),
      meta,
    );
  }
}
