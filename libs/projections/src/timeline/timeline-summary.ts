import type { AccountEvent, SupportEvent, TicketEvent } from '@app/domain';

type TimelineType = (AccountEvent | TicketEvent)['type'];
type DataOf<T extends SupportEvent['type']> = Extract<SupportEvent, { type: T }>['data'];

const money = (m: { amountMinor: number; currency: string }) =>
  `${(m.amountMinor / 100).toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })} ${m.currency}`;

/** A summary for every account and ticket event: the compiler refuses a missing type or a renamed field. */
const SUMMARIES: { [T in TimelineType]: (d: DataOf<T>) => string } = {
  AccountOnboarded: (d) => `Account ${d.name} onboarded as ${d.tier}, ARR ${money(d.arr)}, renewal ${d.renewalDate}`,
  AccountTierChanged: (d) => `Tier changed from ${d.from} to ${d.to}`,
  AccountOwnerChanged: (d) => `Account manager changed from ${d.from} to ${d.to}`,
  ContactAdded: (d) => `Contact ${d.name} <${d.email}> added (${d.role})`,
  ContactRemoved: (d) => `Contact ${d.contactId} removed`,
  ContractRenewed: (d) =>
    `Contract renewed: ARR ${money(d.previousArr)} → ${money(d.arr)}, next renewal ${d.renewalDate}`,
  ContractExpanded: (d) => `Contract expanded by ${money(d.delta)} to ${money(d.arr)}`,
  ContractContracted: (d) => `Contract contracted by ${money(d.delta)} to ${money(d.arr)}`,
  AccountChurned: (d) => `Account churned effective ${d.effectiveDate}: ${d.reason}`,
  NpsRecorded: (d) => `NPS ${d.score}${d.contactId ? ` from ${d.contactId}` : ''}`,
  AccountFlaggedAtRisk: (d) =>
    `Account flagged at risk: ${d.reasons.map((reason) => reason.code.replaceAll('_', ' ')).join('; ')}`,
  AccountRiskCleared: () => 'Account risk cleared',
  ContactErased: (d) => `Personal data of contact ${d.contactId} erased by ${d.erasedBy}: ${d.reason}`,
  AccountErased: (d) => `Personal data of the account and all its contacts erased by ${d.erasedBy}: ${d.reason}`,
  TicketOpened: (d) => `Ticket ${d.ticketId} opened (${d.priority}, ${d.channel}): ${d.subject}`,
  ReplyAdded: (d) =>
    `${d.author.kind === 'agent' ? 'Agent' : 'Customer'} ${d.author.id} replied${d.public ? '' : ' privately'} on ${d.ticketId}`,
  NoteAdded: (d) => `Internal note by ${d.authorId} on ${d.ticketId}`,
  TicketStatusChanged: (d) => `Ticket ${d.ticketId}: ${d.from} → ${d.to}`,
  TicketAssigned: (d) => `Ticket ${d.ticketId} assigned to ${d.agentId ?? 'the queue'} in ${d.group}`,
  TicketPriorityChanged: (d) => `Ticket ${d.ticketId} priority ${d.from} → ${d.to}`,
  TicketEscalated: (d) => `Ticket ${d.ticketId} escalated to ${d.tier}: ${d.reason}`,
  TicketMerged: (d) => `Ticket ${d.ticketId} merged into ${d.intoTicketId}`,
  CsatRated: (d) => `CSAT ${d.score}/5 on ${d.ticketId}`,
  SlaApplied: (d) => `SLA policy ${d.policyName} applied to ${d.ticketId}`,
  SlaTargetStarted: (d) => `SLA ${d.instance} on ${d.ticketId} due ${d.dueAt}`,
  SlaTargetPaused: (d) => `SLA ${d.instance} on ${d.ticketId} paused`,
  SlaTargetResumed: (d) => `SLA ${d.instance} on ${d.ticketId} resumed, due ${d.dueAt}`,
  SlaTargetRescheduled: (d) => `SLA ${d.instance} on ${d.ticketId} rescheduled${d.dueAt ? `, due ${d.dueAt}` : ''}`,
  SlaTargetAtRisk: (d) => `SLA ${d.instance} on ${d.ticketId} at risk (due ${d.dueAt})`,
  SlaTargetBreached: (d) => `SLA ${d.instance} on ${d.ticketId} breached at ${d.breachedAt}`,
  SlaTargetEnded: (d) =>
    `SLA ${d.instance} on ${d.ticketId} ${d.outcome} after ${Math.round(d.businessMinutes)} business minutes`,
  TicketUpdateDue: (d) => `Update due on ${d.ticketId}: waiting on the team since ${d.waitingSince}`,
  TicketUpdateDueCleared: (d) => `Update on ${d.ticketId} given`,
  LowCsatFlagged: (d) => `Low CSAT ${d.score}/5 on ${d.ticketId} flagged`,
  LowCsatCleared: (d) => `Low CSAT on ${d.ticketId} cleared (now ${d.score}/5)`,
  StrategicBreachAlerted: (d) =>
    `Strategic account alerted: SLA ${d.instance} on ${d.ticketId} breached at ${d.breachedAt}`,
};

/** A one-line summary of an event for people reading an account's history. */
export function summarize(type: string, data: unknown): string {
  if (!Object.hasOwn(SUMMARIES, type)) return type;
  // The stored payload of a known type has that type's current shape (the upcasters see to it).
  const summary = SUMMARIES[type as TimelineType] as (data: unknown) => string;
  return summary(data);
}

export const TIMELINE_TYPES: ReadonlySet<string> = new Set(Object.keys(SUMMARIES));
