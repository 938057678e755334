import type { AccountEvent } from './account/account.events';
import type { CalendarEvent } from './calendar/calendar.events';
import type { SlaPolicyEvent } from './sla-policy/sla-policy.events';
import type { OperationsEvent } from './operations/operations.events';
import type { TicketEvent } from './ticket/ticket.events';

export type SupportEvent = AccountEvent | TicketEvent | SlaPolicyEvent | CalendarEvent | OperationsEvent;

/** Every event type this build knows; the compiler keeps the list complete. Projections count the rest as unknown. */
const TYPES: Record<SupportEvent['type'], true> = {
  AccountOnboarded: true,
  AccountTierChanged: true,
  AccountOwnerChanged: true,
  ContactAdded: true,
  ContactRemoved: true,
  ContractRenewed: true,
  ContractExpanded: true,
  ContractContracted: true,
  AccountChurned: true,
  NpsRecorded: true,
  AccountFlaggedAtRisk: true,
  AccountRiskCleared: true,
  ContactErased: true,
  AccountErased: true,
  TicketOpened: true,
  ReplyAdded: true,
  NoteAdded: true,
  TicketStatusChanged: true,
  TicketAssigned: true,
  TicketPriorityChanged: true,
  TicketEscalated: true,
  TicketMerged: true,
  CsatRated: true,
  SlaApplied: true,
  SlaTargetStarted: true,
  SlaTargetPaused: true,
  SlaTargetResumed: true,
  SlaTargetRescheduled: true,
  SlaTargetAtRisk: true,
  SlaTargetBreached: true,
  SlaTargetEnded: true,
  TicketUpdateDue: true,
  TicketUpdateDueCleared: true,
  LowCsatFlagged: true,
  LowCsatCleared: true,
  StrategicBreachAlerted: true,
  SlaPolicyDefined: true,
  SlaPolicyUpdated: true,
  CalendarDefined: true,
  CalendarUpdated: true,
  RelayCheckpointReset: true,
};

export const KNOWN_EVENT_TYPES: ReadonlySet<string> = new Set(Object.keys(TYPES));
