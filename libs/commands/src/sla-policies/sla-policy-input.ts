import type { Priority, SlaPolicyDefinition, SlaTargets, Tier } from '@app/domain';

/** A policy as a caller sends it; what it leaves out takes the defaults of docs/design.md §4. */
export interface SlaPolicyInput {
  name: string;
  tiers: Tier[];
  calendarId?: string | null;
  targets: Partial<Record<Priority, SlaTargets>>;
  pauseStatuses?: Array<'pending' | 'on_hold'>;
  atRiskMinutes?: number;
}

/** The definition the decider records, defaults filled in and metrics without a target left out. */
export function toSlaPolicyDefinition(input: SlaPolicyInput): SlaPolicyDefinition {
  const priority = (targets?: SlaTargets) =>
    Object.fromEntries(Object.entries(targets ?? {}).filter(([, value]) => value !== undefined));
  return {
    name: input.name,
    tiers: input.tiers,
    calendarId: input.calendarId ?? null,
    targets: {
      low: priority(input.targets.low),
      normal: priority(input.targets.normal),
      high: priority(input.targets.high),
      urgent: priority(input.targets.urgent),
    },
    pauseStatuses: input.pauseStatuses ?? ['pending', 'on_hold'],
    atRiskMinutes: input.atRiskMinutes ?? 15,
  };
}
