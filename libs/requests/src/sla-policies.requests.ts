import type { Static } from '@sinclair/typebox';
import type { CommandToSend } from '@app/commanding';
import { Strict } from '@app/validation';
import { CreatedId } from './created-id';
import { SlaPolicyInput, toSlaPolicyDefinition } from './sla-policy-input';

/** What callers may ask of an SLA policy (bodies of /v1/sla-policies…), and the command each becomes. */

export const DefineSlaPolicy = Strict({ id: CreatedId('an SLA policy id'), ...SlaPolicyInput.properties });
export type DefineSlaPolicy = Static<typeof DefineSlaPolicy>;

export const defineSlaPolicy = (policyId: string, { id: _id, ...input }: DefineSlaPolicy): CommandToSend => ({
  kind: 'DefineSlaPolicy',
  policyId,
  definition: toSlaPolicyDefinition(input),
});

export const updateSlaPolicy = (policyId: string, input: SlaPolicyInput): CommandToSend => ({
  kind: 'UpdateSlaPolicy',
  policyId,
  definition: toSlaPolicyDefinition(input),
});
