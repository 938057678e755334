import type { BusinessCalendar } from '../calendar/business-time';
import type { DomainEvent } from '../shared/domain-error';
import type { Priority, SlaMetric, TicketStatus } from '../shared/support-types';
import type { SlaTargets } from '../sla-policy/sla-policy.events';

export const CHANNELS = ['email', 'chat', 'phone', 'portal', 'api'] as const;
export type Channel = (typeof CHANNELS)[number];

export const ESCALATION_TIERS = ['l2', 'engineering', 'account_management'] as const;
export type EscalationTier = (typeof ESCALATION_TIERS)[number];

export type SlaOutcome = 'achieved' | 'breached' | 'cancelled';

/** The policy as it was when the ticket opened: later policy or calendar edits never change it. */
export interface SlaSnapshot {
  policyId: string;
  policyName: string;
  calendarId: string | null;
  calendar: BusinessCalendar | null;
  targets: Record<Priority, SlaTargets>;
  pauseStatuses: TicketStatus[];
  atRiskMinutes: number;
}

/**
 * SLA target events carry every instant they imply (due, at risk), so projections and the SLA clock
 * never recompute business time. `instance` is `<metric>:<n>`: one per first response and
 * resolution, one per customer reply for next response.
 */
export type TicketEvent =
  | DomainEvent<
      'TicketOpened',
      {
        ticketId: string;
        accountId: string;
        contactId: string;
        subject: string;
        description: string;
        channel: Channel;
        priority: Priority;
        category: string;
        openedAt: string;
      }
    >
  | DomainEvent<
      'ReplyAdded',
      {
        ticketId: string;
        accountId: string;
        replyId: string;
        author: { kind: 'agent' | 'customer'; id: string };
        public: boolean;
        body: string;
        at: string;
      }
    >
  | DomainEvent<
      'NoteAdded',
      { ticketId: string; accountId: string; noteId: string; authorId: string; body: string; at: string }
    >
  | DomainEvent<
      'TicketStatusChanged',
      { ticketId: string; accountId: string; from: TicketStatus; to: TicketStatus; at: string }
    >
  | DomainEvent<
      'TicketAssigned',
      { ticketId: string; accountId: string; agentId: string | null; group: string; at: string }
    >
  | DomainEvent<
      'TicketPriorityChanged',
      { ticketId: string; accountId: string; from: Priority; to: Priority; at: string }
    >
  | DomainEvent<
      'TicketEscalated',
      { ticketId: string; accountId: string; tier: EscalationTier; reason: string; at: string }
    >
  | DomainEvent<'TicketMerged', { ticketId: string; accountId: string; intoTicketId: string; at: string }>
  | DomainEvent<
      'CsatRated',
      /** `contactId`, the rater (the ticket's contact), is absent from events recorded before erasure existed. */
      { ticketId: string; accountId: string; contactId?: string; score: number; comment: string | null; at: string }
    >
  | DomainEvent<'SlaApplied', SlaSnapshot & { ticketId: string; accountId: string }>
  | DomainEvent<
      'SlaTargetStarted',
      {
        ticketId: string;
        accountId: string;
        metric: SlaMetric;
        instance: string;
        startedAt: string;
        budgetMinutes: number;
        dueAt: string;
        atRiskAt: string;
      }
    >
  | DomainEvent<
      'SlaTargetPaused',
      { ticketId: string; accountId: string; instance: string; pausedAt: string; usedMinutes: number }
    >
  | DomainEvent<
      'SlaTargetResumed',
      {
        ticketId: string;
        accountId: string;
        instance: string;
        resumedAt: string;
        reason: 'status' | 'reopened';
        usedMinutes: number;
        dueAt: string;
        atRiskAt: string;
      }
    >
  | DomainEvent<
      'SlaTargetRescheduled',
      {
        ticketId: string;
        accountId: string;
        instance: string;
        budgetMinutes: number;
        usedMinutes: number;
        dueAt: string | null;
        atRiskAt: string | null;
        at: string;
      }
    >
  | DomainEvent<
      'SlaTargetAtRisk',
      { ticketId: string; accountId: string; instance: string; atRiskAt: string; dueAt: string }
    >
  | DomainEvent<'SlaTargetBreached', { ticketId: string; accountId: string; instance: string; breachedAt: string }>
  | DomainEvent<
      'SlaTargetEnded',
      {
        ticketId: string;
        accountId: string;
        instance: string;
        endedAt: string;
        outcome: SlaOutcome;
        businessMinutes: number;
      }
    >
  /** Triggers (docs/design.md §6): waiting on the team longer than the threshold, and that wait ending. */
  | DomainEvent<
      'TicketUpdateDue',
      { ticketId: string; accountId: string; waitingSince: string; dueAt: string; thresholdMinutes: number }
    >
  | DomainEvent<'TicketUpdateDueCleared', { ticketId: string; accountId: string; at: string }>
  | DomainEvent<
      'LowCsatFlagged',
      { ticketId: string; accountId: string; score: number; threshold: number; ratedAt: string }
    >
  | DomainEvent<'LowCsatCleared', { ticketId: string; accountId: string; score: number; at: string }>
  | DomainEvent<
      'StrategicBreachAlerted',
      { ticketId: string; accountId: string; instance: string; breachedAt: string; at: string }
    >;
