import type { Each } from '../shared/domain-error';
import type { Priority, Tier } from '../shared/support-types';
import type { Channel, EscalationTier, SlaSnapshot } from './ticket.events';

/** What the caller looked up about the ticket's account before opening it. */
export interface AccountFacts {
  exists: boolean;
  churned: boolean;
  tier: Tier;
  contactIds: string[];
}

/** Every ticket command names its ticket and carries its instant `at` (ISO); the decider reads no clock. */
export type TicketCommand = Each<
  { ticketId: string; at: string },
  | {
      kind: 'OpenTicket';
      accountId: string;
      contactId: string;
      subject: string;
      description: string;
      channel: Channel;
      priority: Priority;
      category: string;
      account: AccountFacts;
      /** The matched policy (account override, else first for the tier) with its calendar; null if none. */
      sla: SlaSnapshot | null;
    }
  | {
      kind: 'AddReply';
      replyId: string;
      author: { kind: 'agent' | 'customer'; id: string };
      public: boolean;
      body: string;
    }
  | { kind: 'AddNote'; noteId: string; authorId: string; body: string }
  | { kind: 'ChangeStatus'; status: 'open' | 'pending' | 'on_hold' | 'solved' | 'closed' }
  | { kind: 'AssignTicket'; agentId: string | null; group: string }
  | { kind: 'ChangePriority'; priority: Priority }
  | { kind: 'EscalateTicket'; tier: EscalationTier; reason: string }
  | {
      kind: 'MergeTicket';
      intoTicketId: string;
      target: { exists: boolean; accountId: string | null; status: string | null };
    }
  | { kind: 'RateCsat'; score: number; comment: string | null }
  /** From the SLA clock: the instant it saw as the target's at-risk time. */
  | { kind: 'RecordSlaAtRisk'; instance: string; atRiskAt: string }
  /** From the SLA clock: the instant it saw as the target's due time. */
  | { kind: 'RecordSlaBreach'; instance: string; dueAt: string }
  /** From the triggers: the ticket has waited on the team since `waitingSince` for `thresholdMinutes` business minutes. */
  | { kind: 'FlagUpdateDue'; waitingSince: string; thresholdMinutes: number }
  /** From the triggers: the rating `score` it saw is at or below `threshold`. */
  | { kind: 'FlagLowCsat'; score: number; threshold: number }
  /** From the triggers: the latest rating is now above `threshold`. */
  | { kind: 'ClearLowCsat'; threshold: number }
  /** From the triggers: target `instance` breached on a strategic account. */
  | { kind: 'AlertStrategicBreach'; instance: string }
>;
