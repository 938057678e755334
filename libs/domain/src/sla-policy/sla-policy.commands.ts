import type { SlaPolicyDefinition } from './sla-policy.events';

/** `calendarExists` is looked up by the caller: a policy may only name a defined calendar. */
export type SlaPolicyCommand =
  | { kind: 'DefineSlaPolicy'; policyId: string; definition: SlaPolicyDefinition; calendarExists: boolean }
  | { kind: 'UpdateSlaPolicy'; policyId: string; definition: SlaPolicyDefinition; calendarExists: boolean };
