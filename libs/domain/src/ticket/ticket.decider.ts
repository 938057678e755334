import type { Decider } from '../decider';
import { addBusinessMinutes, businessMinutesBetween } from '../calendar/business-time';
import { InvalidInputError, NotFoundError, RuleViolationError } from '../shared/domain-error';
import type { Priority, SlaMetric, TicketStatus } from '../shared/support-types';
import type { TicketCommand } from './ticket.commands';
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

const ms = Date.parse;
const iso = (instant: number): string => new Date(instant).toISOString();

type OpenTicket = { exists: true } & Ticket;

function evolveTarget(ticket: OpenTicket, instance: string, change: Partial<SlaTargetState>): OpenTicket {
  return { ...ticket, targets: { ...ticket.targets, [instance]: { ...ticket.targets[instance], ...change } } };
}

/** A ticket waits on the team while it is new or open and the last public reply is not an agent's (docs/design.md §6). */
export function waitsOnTeam(status: TicketStatus, lastPublicReplyBy: 'agent' | 'customer' | null): boolean {
  return (status === 'new' || status === 'open') && lastPublicReplyBy !== 'agent';
}

/** Follows the wait on the team: it starts at the instant of the event that made the ticket wait. */
function evolve(state: TicketState, event: TicketEvent): TicketState {
  const next = evolveFacts(state, event);
  if (!next.exists) return next;
  if (!waitsOnTeam(next.status, next.lastPublicReplyBy)) return next.waitingSince === null ? next : { ...next, waitingSince: null };
  if (next.waitingSince !== null) return next;
  const at = event.type === 'TicketOpened' ? event.data.openedAt : 'at' in event.data ? event.data.at : null;
  return at === null ? next : { ...next, waitingSince: at };
}

function evolveFacts(state: TicketState, event: TicketEvent): TicketState {
  if (event.type === 'TicketOpened') {
    const { description: _description, ...opened } = event.data;
    return {
      exists: true,
      ...opened,
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
  if (!state.exists) return state;
  switch (event.type) {
    case 'ReplyAdded':
      return event.data.public ? { ...state, lastPublicReplyBy: event.data.author.kind } : state;
    case 'NoteAdded':
      return state;
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
    case 'SlaTargetStarted': {
      const { metric, instance, startedAt, budgetMinutes, dueAt, atRiskAt } = event.data;
      const target: SlaTargetState = { metric, instance, status: 'running', budgetMinutes, usedMinutes: 0, runningSince: startedAt, dueAt, atRiskAt, atRiskRecorded: false, breached: false, breachedAt: null, outcome: null };
      return { ...state, targets: { ...state.targets, [instance]: target }, nextResponses: state.nextResponses + (metric === 'next_response' ? 1 : 0) };
    }
    case 'SlaTargetPaused':
      return evolveTarget(state, event.data.instance, { status: 'paused', usedMinutes: event.data.usedMinutes, runningSince: null, dueAt: null, atRiskAt: null });
    case 'SlaTargetResumed': {
      const { instance, resumedAt, usedMinutes, dueAt, atRiskAt } = event.data;
      return evolveTarget(state, instance, { status: 'running', runningSince: resumedAt, usedMinutes, dueAt, atRiskAt, outcome: null });
    }
    case 'SlaTargetRescheduled': {
      const running = state.targets[event.data.instance].status === 'running';
      const { budgetMinutes, usedMinutes, dueAt, atRiskAt, at } = event.data;
      return evolveTarget(state, event.data.instance, { budgetMinutes, usedMinutes, dueAt, atRiskAt, runningSince: running ? at : null });
    }
    case 'SlaTargetAtRisk':
      return evolveTarget(state, event.data.instance, { atRiskRecorded: true });
    case 'SlaTargetBreached':
      return evolveTarget(state, event.data.instance, { breached: true, breachedAt: event.data.breachedAt });
    case 'SlaTargetEnded':
      return evolveTarget(state, event.data.instance, { status: 'ended', outcome: event.data.outcome, usedMinutes: event.data.businessMinutes, runningSince: null, dueAt: null, atRiskAt: null });
    case 'TicketUpdateDue':
      return { ...state, updateDueFlagged: true };
    case 'TicketUpdateDueCleared':
      return { ...state, updateDueFlagged: false };
    case 'LowCsatFlagged':
      return { ...state, lowCsatFlagged: true };
    case 'LowCsatCleared':
      return { ...state, lowCsatFlagged: false };
    case 'StrategicBreachAlerted':
      return { ...state, alertedBreaches: [...state.alertedBreaches, event.data.instance] };
  }
}

/** Accumulates the events of one decision, folding each into the state the next rule sees. */
class Decision {
  readonly events: TicketEvent[] = [];
  constructor(
    public ticket: OpenTicket,
    readonly at: string,
  ) {}

  emit(event: TicketEvent): void {
    this.events.push(event);
    this.ticket = evolve(this.ticket, event) as OpenTicket;
  }

  get ids(): { ticketId: string; accountId: string } {
    return { ticketId: this.ticket.ticketId, accountId: this.ticket.accountId };
  }

  /** Targets still counting or paused, optionally of one metric. */
  open(metric?: SlaMetric): SlaTargetState[] {
    return Object.values(this.ticket.targets).filter((target) => target.status !== 'ended' && (metric === undefined || target.metric === metric));
  }

  /**
   * Policies and calendar edits are refused when a target could not be scheduled, but a log written
   * before that rule may hold one: the command is refused with what to change, never a failure.
   */
  private schedule(from: string, remainingMinutes: number): { dueAt: string; atRiskAt: string } {
    const sla = this.ticket.sla as SlaSnapshot;
    const start = ms(from);
    try {
      return {
        dueAt: iso(addBusinessMinutes(sla.calendar, start, Math.max(0, remainingMinutes))),
        atRiskAt: iso(addBusinessMinutes(sla.calendar, start, Math.max(0, remainingMinutes - sla.atRiskMinutes))),
      };
    } catch (error) {
      if (!(error instanceof RangeError)) throw error;
      throw new RuleViolationError('sla_target_unreachable', `SLA policy ${sla.policyId}: ${error.message}; shorten its targets or lengthen calendar ${sla.calendarId}'s hours`, { policyId: sla.policyId, calendarId: sla.calendarId });
    }
  }

  private used(target: SlaTargetState): number {
    if (target.status !== 'running' || target.runningSince === null) return target.usedMinutes;
    return target.usedMinutes + businessMinutesBetween(this.ticket.sla?.calendar ?? null, ms(target.runningSince), ms(this.at));
  }

  /** A running target whose due time has passed breached then, whether or not the clock said so yet. */
  private breachIfOverdue(target: SlaTargetState): void {
    if (target.status === 'running' && !target.breached && target.dueAt !== null && ms(this.at) >= ms(target.dueAt)) {
      this.emit({ type: 'SlaTargetBreached', data: { ...this.ids, instance: target.instance, breachedAt: target.dueAt } });
    }
  }

  start(metric: SlaMetric): void {
    const sla = this.ticket.sla;
    const budgetMinutes = sla?.targets[this.ticket.priority]?.[metric];
    if (!sla || budgetMinutes === undefined) return;
    const instance = `${metric}:${metric === 'next_response' ? this.ticket.nextResponses + 1 : 1}`;
    this.emit({ type: 'SlaTargetStarted', data: { ...this.ids, metric, instance, startedAt: this.at, budgetMinutes, ...this.schedule(this.at, budgetMinutes) } });
    if (sla.pauseStatuses.includes(this.ticket.status)) this.pause(this.ticket.targets[instance]);
  }

  end(target: SlaTargetState, cancelled = false): void {
    this.breachIfOverdue(target);
    const current = this.ticket.targets[target.instance];
    const outcome: SlaOutcome = current.breached ? 'breached' : cancelled ? 'cancelled' : 'achieved';
    this.emit({ type: 'SlaTargetEnded', data: { ...this.ids, instance: target.instance, endedAt: this.at, outcome, businessMinutes: this.used(current) } });
  }

  pause(target: SlaTargetState): void {
    if (target.status !== 'running') return;
    this.breachIfOverdue(target);
    this.emit({ type: 'SlaTargetPaused', data: { ...this.ids, instance: target.instance, pausedAt: this.at, usedMinutes: this.used(target) } });
  }

  resume(target: SlaTargetState, reason: 'status' | 'reopened'): void {
    const usedMinutes = target.usedMinutes;
    this.emit({ type: 'SlaTargetResumed', data: { ...this.ids, instance: target.instance, resumedAt: this.at, reason, usedMinutes, ...this.schedule(this.at, target.budgetMinutes - usedMinutes) } });
  }

  reschedule(target: SlaTargetState, budgetMinutes: number): void {
    const usedMinutes = this.used(target);
    const when = target.status === 'running' ? this.schedule(this.at, budgetMinutes - usedMinutes) : { dueAt: null, atRiskAt: null };
    this.emit({ type: 'SlaTargetRescheduled', data: { ...this.ids, instance: target.instance, budgetMinutes, usedMinutes, ...when, at: this.at } });
    if (target.status === 'running' && usedMinutes >= budgetMinutes && !target.breached) {
      this.emit({ type: 'SlaTargetBreached', data: { ...this.ids, instance: target.instance, breachedAt: this.at } });
    }
  }

  /** An update-due flag ends with the wait it was raised for. */
  settleTriggers(): void {
    if (this.ticket.updateDueFlagged && this.ticket.waitingSince === null) this.emit({ type: 'TicketUpdateDueCleared', data: { ...this.ids, at: this.at } });
  }

  changeStatus(to: TicketStatus): void {
    const from = this.ticket.status;
    if (from === to) return;
    this.emit({ type: 'TicketStatusChanged', data: { ...this.ids, from, to, at: this.at } });
    const pauses = this.ticket.sla?.pauseStatuses ?? [];
    if (to === 'solved' || to === 'closed') {
      for (const target of this.open()) this.end(target, to === 'closed');
      return;
    }
    if (from === 'solved') {
      for (const target of Object.values(this.ticket.targets)) if (target.metric === 'resolution' && target.status === 'ended') this.resume(target, 'reopened');
    }
    if (pauses.includes(to)) for (const target of this.open()) this.pause(target);
    else for (const target of this.open()) if (target.status === 'paused') this.resume(target, 'status');
  }
}

const ALLOWED: Record<TicketStatus, readonly TicketStatus[]> = {
  new: ['open', 'pending', 'on_hold', 'solved'],
  open: ['pending', 'on_hold', 'solved'],
  pending: ['open', 'on_hold', 'solved'],
  on_hold: ['open', 'pending', 'solved'],
  solved: ['open', 'pending', 'on_hold', 'closed'],
  closed: [],
};

function notClosed(ticket: Ticket): void {
  if (ticket.status === 'closed') {
    throw new RuleViolationError('ticket_closed', `ticket ${ticket.ticketId} is closed${ticket.mergedInto ? ` (merged into ${ticket.mergedInto})` : ''}`, { status: 'closed', mergedInto: ticket.mergedInto });
  }
}

function slaTarget(ticket: Ticket, instance: string): SlaTargetState {
  const target = ticket.targets[instance];
  if (!target) throw new NotFoundError('sla_target', instance);
  return target;
}

function staleTrigger(ticket: Ticket, reason: string): never {
  throw new RuleViolationError('trigger_request_stale', `ticket ${ticket.ticketId}: ${reason}`, { status: ticket.status, waitingSince: ticket.waitingSince, csat: ticket.csat?.score ?? null });
}

function stale(instance: string, reason: string, target: SlaTargetState): never {
  throw new RuleViolationError('sla_request_stale', `SLA target ${instance}: ${reason}`, { status: target.status, dueAt: target.dueAt, atRiskAt: target.atRiskAt });
}

function decide(command: TicketCommand, state: TicketState): TicketEvent[] {
  if (command.kind === 'OpenTicket') {
    if (state.exists) throw new RuleViolationError('ticket_already_exists', `ticket ${command.ticketId} already exists`);
    if (!command.account.exists) throw new InvalidInputError('accountId', `account ${command.accountId} does not exist`);
    if (command.account.churned) throw new RuleViolationError('account_churned', `account ${command.accountId} has churned`);
    if (!command.account.contactIds.includes(command.contactId)) throw new InvalidInputError('contactId', `contact ${command.contactId} is not on account ${command.accountId}`);
    const { ticketId, accountId, contactId, subject, description, channel, priority, category, at } = command;
    const opened: TicketEvent = { type: 'TicketOpened', data: { ticketId, accountId, contactId, subject, description, channel, priority, category, openedAt: at } };
    const decision = new Decision(evolve({ exists: false }, opened) as OpenTicket, at);
    decision.events.push(opened);
    if (command.sla) {
      decision.emit({ type: 'SlaApplied', data: { ticketId, accountId, ...command.sla } });
      decision.start('first_response');
      decision.start('resolution');
    }
    return decision.events;
  }

  if (!state.exists) throw new NotFoundError('ticket', command.ticketId);
  const decision = new Decision(state, command.at);
  const ticket = state;
  const { ids, at } = { ids: decision.ids, at: command.at };

  switch (command.kind) {
    case 'AddReply': {
      notClosed(ticket);
      if (command.author.kind === 'customer' && !command.public) throw new InvalidInputError('public', 'customer replies are always public');
      const followsAgent = ticket.lastPublicReplyBy === 'agent';
      decision.emit({ type: 'ReplyAdded', data: { ...ids, replyId: command.replyId, author: command.author, public: command.public, body: command.body, at } });
      if (command.author.kind === 'agent' && command.public) {
        if (ticket.status === 'new') decision.changeStatus('open');
        for (const target of [...decision.open('first_response'), ...decision.open('next_response')]) decision.end(target);
      } else if (command.author.kind === 'customer') {
        if (ticket.status === 'pending' || ticket.status === 'solved') decision.changeStatus('open');
        if (followsAgent) decision.start('next_response');
      }
      break;
    }
    case 'AddNote':
      notClosed(ticket);
      decision.emit({ type: 'NoteAdded', data: { ...ids, noteId: command.noteId, authorId: command.authorId, body: command.body, at } });
      break;
    case 'ChangeStatus':
      notClosed(ticket);
      if (command.status === ticket.status) break;
      if (!ALLOWED[ticket.status].includes(command.status)) {
        throw new RuleViolationError('invalid_status_transition', `a ${ticket.status} ticket cannot become ${command.status}`, { from: ticket.status, to: command.status, allowed: ALLOWED[ticket.status] });
      }
      decision.changeStatus(command.status);
      break;
    case 'AssignTicket':
      notClosed(ticket);
      if (ticket.assignee?.agentId === command.agentId && ticket.assignee.group === command.group) break;
      decision.emit({ type: 'TicketAssigned', data: { ...ids, agentId: command.agentId, group: command.group, at } });
      break;
    case 'ChangePriority':
      notClosed(ticket);
      if (command.priority === ticket.priority) break;
      decision.emit({ type: 'TicketPriorityChanged', data: { ...ids, from: ticket.priority, to: command.priority, at } });
      for (const target of decision.open()) {
        const budget = ticket.sla?.targets[command.priority]?.[target.metric];
        if (budget === undefined) decision.end(target, true);
        else if (budget !== target.budgetMinutes) decision.reschedule(target, budget);
      }
      break;
    case 'EscalateTicket':
      notClosed(ticket);
      if (ticket.escalation === command.tier) throw new RuleViolationError('already_escalated', `ticket ${ticket.ticketId} is already escalated to ${command.tier}`, { tier: command.tier });
      decision.emit({ type: 'TicketEscalated', data: { ...ids, tier: command.tier, reason: command.reason, at } });
      break;
    case 'MergeTicket':
      notClosed(ticket);
      if (command.intoTicketId === ticket.ticketId) throw new InvalidInputError('intoTicketId', 'a ticket cannot be merged into itself');
      if (!command.target.exists) throw new InvalidInputError('intoTicketId', `ticket ${command.intoTicketId} does not exist`);
      if (command.target.accountId !== ticket.accountId) throw new RuleViolationError('merge_across_accounts', `ticket ${command.intoTicketId} belongs to another account`);
      if (command.target.status === 'closed') throw new RuleViolationError('merge_target_closed', `ticket ${command.intoTicketId} is closed`);
      decision.emit({ type: 'TicketMerged', data: { ...ids, intoTicketId: command.intoTicketId, at } });
      decision.changeStatus('closed');
      break;
    case 'RateCsat':
      if (ticket.status !== 'solved' && ticket.status !== 'closed') throw new RuleViolationError('csat_before_solve', `ticket ${ticket.ticketId} is ${ticket.status}; CSAT is rated after solve`, { status: ticket.status });
      if (!Number.isInteger(command.score) || command.score < 1 || command.score > 5) throw new InvalidInputError('score', 'must be an integer from 1 to 5');
      decision.emit({ type: 'CsatRated', data: { ...ids, score: command.score, comment: command.comment, at } });
      break;
    case 'RecordSlaAtRisk': {
      const target = slaTarget(ticket, command.instance);
      if (target.atRiskRecorded) break;
      if (target.status !== 'running' || target.atRiskAt === null || ms(target.atRiskAt) !== ms(command.atRiskAt)) stale(command.instance, `is not at risk at ${command.atRiskAt}`, target);
      if (ms(at) < ms(target.atRiskAt)) stale(command.instance, `is not at risk before ${target.atRiskAt}`, target);
      decision.emit({ type: 'SlaTargetAtRisk', data: { ...ids, instance: command.instance, atRiskAt: target.atRiskAt, dueAt: target.dueAt as string } });
      break;
    }
    case 'RecordSlaBreach': {
      const target = slaTarget(ticket, command.instance);
      if (target.breached) break;
      if (target.status !== 'running' || target.dueAt === null || ms(target.dueAt) !== ms(command.dueAt)) stale(command.instance, `is not due at ${command.dueAt}`, target);
      if (ms(at) < ms(target.dueAt)) stale(command.instance, `is not due before ${target.dueAt}`, target);
      decision.emit({ type: 'SlaTargetBreached', data: { ...ids, instance: command.instance, breachedAt: target.dueAt } });
      break;
    }
    case 'FlagUpdateDue': {
      if (ticket.updateDueFlagged) break;
      if (ticket.waitingSince === null || ms(ticket.waitingSince) !== ms(command.waitingSince)) staleTrigger(ticket, `is not waiting on the team since ${command.waitingSince}`);
      const dueAt = iso(addBusinessMinutes(ticket.sla?.calendar ?? null, ms(ticket.waitingSince), command.thresholdMinutes));
      if (ms(at) < ms(dueAt)) staleTrigger(ticket, `an update is not due before ${dueAt}`);
      decision.emit({ type: 'TicketUpdateDue', data: { ...ids, waitingSince: ticket.waitingSince, dueAt, thresholdMinutes: command.thresholdMinutes } });
      break;
    }
    case 'FlagLowCsat':
      if (ticket.lowCsatFlagged) break;
      if (!ticket.csat || ticket.csat.score !== command.score || ticket.csat.score > command.threshold) staleTrigger(ticket, `its rating is not ${command.score} at or below ${command.threshold}`);
      decision.emit({ type: 'LowCsatFlagged', data: { ...ids, score: ticket.csat.score, threshold: command.threshold, ratedAt: ticket.csat.at } });
      break;
    case 'ClearLowCsat':
      if (!ticket.lowCsatFlagged) break;
      if (!ticket.csat || ticket.csat.score <= command.threshold) staleTrigger(ticket, `its rating is still at or below ${command.threshold}`);
      decision.emit({ type: 'LowCsatCleared', data: { ...ids, score: ticket.csat.score, at } });
      break;
    case 'AlertStrategicBreach': {
      const target = slaTarget(ticket, command.instance);
      if (ticket.alertedBreaches.includes(command.instance)) break;
      if (!target.breached || target.breachedAt === null) stale(command.instance, 'has not breached', target);
      decision.emit({ type: 'StrategicBreachAlerted', data: { ...ids, instance: command.instance, breachedAt: target.breachedAt, at } });
      break;
    }
  }
  decision.settleTriggers();
  return decision.events;
}

/** Tickets with their SLA targets (docs/design.md §4): the SLA clock runs inside the ticket's own stream. */
export const ticketDecider: Decider<TicketCommand, TicketEvent, TicketState> = { initialState: { exists: false }, evolve, decide };
