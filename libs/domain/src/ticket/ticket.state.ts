import type { Priority, SlaMetric, TicketStatus } from '../shared/support-types';
import type { EscalationTier, SlaOutcome, SlaSnapshot, TicketEvent } from './ticket.events';

export interface SlaTargetState {
  metric: SlaMetric;
  instance: string;
  status: 'running' | 'paused' | 'ended';
  budgetMinutes: number;
  /** Business minutes used before `runningSince` (all of them once paused or ended). */
  usedMinutes: number;
  runningSince: string | null;
  dueAt: string | null;
  atRiskAt: string | null;
  atRiskRecorded: boolean;
  breached: boolean;
  breachedAt: string | null;
  outcome: SlaOutcome | null;
}

export interface Ticket {
  ticketId: string;
  accountId: string;
  contactId: string;
  subject: string;
  channel: string;
  category: string;
  status: TicketStatus;
  priority: Priority;
  openedAt: string;
  assignee: { agentId: string | null; group: string } | null;
  escalation: EscalationTier | null;
  lastPublicReplyBy: 'agent' | 'customer' | null;
  mergedInto: string | null;
  csat: { score: number; at: string } | null;
  sla: SlaSnapshot | null;
  targets: Record<string, SlaTargetState>;
  nextResponses: number;
  /** Since when the ticket waits on the team (new or open, and no public agent reply since the customer's); null otherwise. */
  waitingSince: string | null;
  /** Trigger flags (docs/design.md §6): update due recorded for this wait, low CSAT recorded, strategic breaches alerted. */
  updateDueFlagged: boolean;
  lowCsatFlagged: boolean;
  alertedBreaches: string[];
}

export type TicketState = { exists: false } | ({ exists: true } & Ticket);

export type ExistingTicket = { exists: true } & Ticket;

function evolveTarget(ticket: ExistingTicket, instance: string, change: Partial<SlaTargetState>): ExistingTicket {
  return { ...ticket, targets: { ...ticket.targets, [instance]: { ...ticket.targets[instance], ...change } } };
}

/** A ticket waits on the team while it is new or open and the last public reply is not an agent's (docs/design.md §6). */
export function waitsOnTeam(status: TicketStatus, lastPublicReplyBy: 'agent' | 'customer' | null): boolean {
  return (status === 'new' || status === 'open') && lastPublicReplyBy !== 'agent';
}

/** Follows the wait on the team: it starts at the instant of the event that made the ticket wait. */
export function evolveTicket(state: TicketState, event: TicketEvent): TicketState {
  const next = evolveFacts(state, event);
  if (!next.exists) return next;
  if (!waitsOnTeam(next.status, next.lastPublicReplyBy))
    return next.waitingSince === null ? next : { ...next, waitingSince: null };
  if (next.waitingSince !== null) return next;
  const at = event.type === 'TicketOpened' ? event.data.openedAt : 'at' in event.data ? event.data.at : null;
  return at === null ? next : { ...next, waitingSince: at };
}

function opened(data: Extract<TicketEvent, { type: 'TicketOpened' }>['data']): ExistingTicket {
  const { description: _description, ...facts } = data;
  return {
    exists: true,
    ...facts,
    status: 'new',
    assignee: null,
    escalation: null,
    lastPublicReplyBy: null,
    mergedInto: null,
    csat: null,
    sla: null,
    targets: {},
    nextResponses: 0,
    waitingSince: null,
    updateDueFlagged: false,
    lowCsatFlagged: false,
    alertedBreaches: [],
  };
}

function evolveFacts(state: TicketState, event: TicketEvent): TicketState {
  if (event.type === 'TicketOpened') return opened(event.data);
  if (!state.exists) return state;
  switch (event.type) {
    case 'ReplyAdded':
      return event.data.public ? { ...state, lastPublicReplyBy: event.data.author.kind } : state;
    case 'TicketStatusChanged':
      return { ...state, status: event.data.to };
    case 'TicketAssigned':
      return { ...state, assignee: { agentId: event.data.agentId, group: event.data.group } };
    case 'TicketPriorityChanged':
      return { ...state, priority: event.data.to };
    case 'TicketEscalated':
      return { ...state, escalation: event.data.tier };
    case 'TicketMerged':
      return { ...state, mergedInto: event.data.intoTicketId };
    case 'CsatRated':
      return { ...state, csat: { score: event.data.score, at: event.data.at } };
    case 'SlaApplied': {
      const { ticketId: _ticketId, accountId: _accountId, ...snapshot } = event.data;
      return { ...state, sla: snapshot };
    }
    case 'TicketUpdateDue':
    case 'TicketUpdateDueCleared':
      return { ...state, updateDueFlagged: event.type === 'TicketUpdateDue' };
    case 'LowCsatFlagged':
    case 'LowCsatCleared':
      return { ...state, lowCsatFlagged: event.type === 'LowCsatFlagged' };
    case 'StrategicBreachAlerted':
      return { ...state, alertedBreaches: [...state.alertedBreaches, event.data.instance] };
    default:
      return evolveTargets(state, event);
  }
}

type TargetEvent = Extract<TicketEvent, { type: `SlaTarget${string}` }>;

function startedTarget(data: Extract<TicketEvent, { type: 'SlaTargetStarted' }>['data']): SlaTargetState {
  const { metric, instance, startedAt, budgetMinutes, dueAt, atRiskAt } = data;
  return {
    metric,
    instance,
    status: 'running',
    budgetMinutes,
    usedMinutes: 0,
    runningSince: startedAt,
    dueAt,
    atRiskAt,
    atRiskRecorded: false,
    breached: false,
    breachedAt: null,
    outcome: null,
  };
}

/** The SLA targets' events (and a note, which changes nothing the decider reads). */
function evolveTargets(state: ExistingTicket, event: TargetEvent | Extract<TicketEvent, { type: 'NoteAdded' }>) {
  switch (event.type) {
    case 'NoteAdded':
      return state;
    case 'SlaTargetStarted': {
      const target = startedTarget(event.data);
      const nextResponses = state.nextResponses + (target.metric === 'next_response' ? 1 : 0);
      return { ...state, targets: { ...state.targets, [target.instance]: target }, nextResponses };
    }
    case 'SlaTargetPaused':
      return evolveTarget(state, event.data.instance, {
        status: 'paused',
        usedMinutes: event.data.usedMinutes,
        runningSince: null,
        dueAt: null,
        atRiskAt: null,
      });
    case 'SlaTargetResumed': {
      const { instance, resumedAt, usedMinutes, dueAt, atRiskAt } = event.data;
      return evolveTarget(state, instance, {
        status: 'running',
        runningSince: resumedAt,
        usedMinutes,
        dueAt,
        atRiskAt,
        outcome: null,
      });
    }
    case 'SlaTargetRescheduled': {
      const running = state.targets[event.data.instance].status === 'running';
      const { budgetMinutes, usedMinutes, dueAt, atRiskAt, at } = event.data;
      return evolveTarget(state, event.data.instance, {
        budgetMinutes,
        usedMinutes,
        dueAt,
        atRiskAt,
        runningSince: running ? at : null,
      });
    }
    case 'SlaTargetAtRisk':
      return evolveTarget(state, event.data.instance, { atRiskRecorded: true });
    case 'SlaTargetBreached':
      return evolveTarget(state, event.data.instance, { breached: true, breachedAt: event.data.breachedAt });
    case 'SlaTargetEnded':
      return evolveTarget(state, event.data.instance, {
        status: 'ended',
        outcome: event.data.outcome,
        usedMinutes: event.data.businessMinutes,
        runningSince: null,
        dueAt: null,
        atRiskAt: null,
      });
  }
}
