import type { DomainEvent } from '../shared/domain-error';
import type { Priority, SlaMetric, TicketStatus, Tier } from '../shared/support-types';

/** Target minutes per metric; a metric left out has no target at that priority. */
export type SlaTargets = Partial<Record<SlaMetric, number>>;

export interface SlaPolicyDefinition {
  name: string;
  /** Tiers the policy applies to; the first matching policy (in creation order) wins. */
  tiers: Tier[];
  /** Business calendar; null means 24/7. */
  calendarId: string | null;
  targets: Record<Priority, SlaTargets>;
  pauseStatuses: TicketStatus[];
  atRiskMinutes: number;
}

export type SlaPolicyEvent =
  | DomainEvent<'SlaPolicyDefined', SlaPolicyDefinition & { policyId: string }>
  | DomainEvent<'SlaPolicyUpdated', SlaPolicyDefinition & { policyId: string }>;
