import type { BusinessCalendar } from '../calendar/business-time';
import type { SlaPolicyDefinition } from './sla-policy.events';

/** `calendar` is the one the definition names, looked up by the caller (null when it does not exist). */
export type SlaPolicyCommand =
  | { kind: 'DefineSlaPolicy'; policyId: string; definition: SlaPolicyDefinition; calendar: BusinessCalendar | null }
  | { kind: 'UpdateSlaPolicy'; policyId: string; definition: SlaPolicyDefinition; calendar: BusinessCalendar | null };
