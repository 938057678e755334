import type { Decider } from '../decider';
import { addBusinessMinutes } from '../calendar/business-time';
import { InvalidInputError, NotFoundError, RuleViolationError } from '../shared/domain-error';
import type { TicketStatus } from '../shared/support-types';
import type { TicketCommand } from './ticket.commands';
import type { TicketEvent } from './ticket.events';
import { iso, ms, TicketDecision } from './ticket-sla';
import { evolveTicket, type ExistingTicket, type SlaTargetState, type Ticket, type TicketState } from './ticket.state';

type Command<Kind extends TicketCommand['kind']> = Extract<TicketCommand, { kind: Kind }>;

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
    throw new RuleViolationError(
      'ticket_closed',
      `ticket ${ticket.ticketId} is closed${ticket.mergedInto ? ` (merged into ${ticket.mergedInto})` : ''}`,
      { status: 'closed', mergedInto: ticket.mergedInto },
    );
  }
}

function slaTarget(ticket: Ticket, instance: string): SlaTargetState {
  const target = ticket.targets[instance];
  if (!target) throw new NotFoundError('sla_target', instance);
  return target;
}

function staleTrigger(ticket: Ticket, reason: string): never {
  throw new RuleViolationError('trigger_request_stale', `ticket ${ticket.ticketId}: ${reason}`, {
    status: ticket.status,
    waitingSince: ticket.waitingSince,
    csat: ticket.csat?.score ?? null,
  });
}

function stale(instance: string, reason: string, target: SlaTargetState): never {
  throw new RuleViolationError('sla_request_stale', `SLA target ${instance}: ${reason}`, {
    status: target.status,
    dueAt: target.dueAt,
    atRiskAt: target.atRiskAt,
  });
}

function openTicket(command: Command<'OpenTicket'>, state: TicketState): TicketEvent[] {
  if (state.exists) throw new RuleViolationError('ticket_already_exists', `ticket ${command.ticketId} already exists`);
  if (!command.account.exists) throw new InvalidInputError('accountId', `account ${command.accountId} does not exist`);
  if (command.account.churned)
    throw new RuleViolationError('account_churned', `account ${command.accountId} has churned`);
  if (!command.account.contactIds.includes(command.contactId))
    throw new InvalidInputError('contactId', `contact ${command.contactId} is not on account ${command.accountId}`);
  const { ticketId, accountId, contactId, subject, description, channel, priority, category, at } = command;
  const opened: TicketEvent = {
    type: 'TicketOpened',
    data: { ticketId, accountId, contactId, subject, description, channel, priority, category, openedAt: at },
  };
  const decision = new TicketDecision(evolveTicket({ exists: false }, opened) as ExistingTicket, at);
  decision.events.push(opened);
  if (command.sla) {
    decision.emit({ type: 'SlaApplied', data: { ticketId, accountId, ...command.sla } });
    decision.start('first_response');
    decision.start('resolution');
  }
  return decision.events;
}

function addReply(command: Command<'AddReply'>, decision: TicketDecision): void {
  const { ticket, ids, at } = decision;
  notClosed(ticket);
  if (command.author.kind === 'customer' && !command.public)
    throw new InvalidInputError('public', 'customer replies are always public');
  const followsAgent = ticket.lastPublicReplyBy === 'agent';
  decision.emit({
    type: 'ReplyAdded',
    data: { ...ids, replyId: command.replyId, author: command.author, public: command.public, body: command.body, at },
  });
  if (command.author.kind === 'agent' && command.public) {
    if (ticket.status === 'new') decision.changeStatus('open');
    for (const target of [...decision.open('first_response'), ...decision.open('next_response')]) decision.end(target);
  } else if (command.author.kind === 'customer') {
    if (ticket.status === 'pending' || ticket.status === 'solved') decision.changeStatus('open');
    if (followsAgent) decision.start('next_response');
  }
}

function addNote(command: Command<'AddNote'>, decision: TicketDecision): void {
  notClosed(decision.ticket);
  decision.emit({
    type: 'NoteAdded',
    data: { ...decision.ids, noteId: command.noteId, authorId: command.authorId, body: command.body, at: decision.at },
  });
}

function changeStatus(command: Command<'ChangeStatus'>, decision: TicketDecision): void {
  const { ticket } = decision;
  notClosed(ticket);
  if (command.status === ticket.status) return;
  if (!ALLOWED[ticket.status].includes(command.status)) {
    throw new RuleViolationError(
      'invalid_status_transition',
      `a ${ticket.status} ticket cannot become ${command.status}`,
      { from: ticket.status, to: command.status, allowed: ALLOWED[ticket.status] },
    );
  }
  decision.changeStatus(command.status);
}

function assignTicket(command: Command<'AssignTicket'>, decision: TicketDecision): void {
  const { ticket } = decision;
  notClosed(ticket);
  if (ticket.assignee?.agentId === command.agentId && ticket.assignee.group === command.group) return;
  decision.emit({
    type: 'TicketAssigned',
    data: { ...decision.ids, agentId: command.agentId, group: command.group, at: decision.at },
  });
}

/** A new priority moves each open target to that priority's budget, or cancels it where there is none. */
function changePriority(command: Command<'ChangePriority'>, decision: TicketDecision): void {
  const { ticket } = decision;
  notClosed(ticket);
  if (command.priority === ticket.priority) return;
  decision.emit({
    type: 'TicketPriorityChanged',
    data: { ...decision.ids, from: ticket.priority, to: command.priority, at: decision.at },
  });
  for (const target of decision.open()) {
    const budget = ticket.sla?.targets[command.priority]?.[target.metric];
    if (budget === undefined) decision.end(target, true);
    else if (budget !== target.budgetMinutes) decision.reschedule(target, budget);
  }
}

function escalateTicket(command: Command<'EscalateTicket'>, decision: TicketDecision): void {
  const { ticket } = decision;
  notClosed(ticket);
  if (ticket.escalation === command.tier)
    throw new RuleViolationError(
      'already_escalated',
      `ticket ${ticket.ticketId} is already escalated to ${command.tier}`,
      { tier: command.tier },
    );
  decision.emit({
    type: 'TicketEscalated',
    data: { ...decision.ids, tier: command.tier, reason: command.reason, at: decision.at },
  });
}

function mergeTicket(command: Command<'MergeTicket'>, decision: TicketDecision): void {
  const { ticket } = decision;
  notClosed(ticket);
  if (command.intoTicketId === ticket.ticketId)
    throw new InvalidInputError('intoTicketId', 'a ticket cannot be merged into itself');
  if (!command.target.exists)
    throw new InvalidInputError('intoTicketId', `ticket ${command.intoTicketId} does not exist`);
  if (command.target.accountId !== ticket.accountId)
    throw new RuleViolationError('merge_across_accounts', `ticket ${command.intoTicketId} belongs to another account`);
  if (command.target.status === 'closed')
    throw new RuleViolationError('merge_target_closed', `ticket ${command.intoTicketId} is closed`);
  decision.emit({
    type: 'TicketMerged',
    data: { ...decision.ids, intoTicketId: command.intoTicketId, at: decision.at },
  });
  decision.changeStatus('closed');
}

function rateCsat(command: Command<'RateCsat'>, decision: TicketDecision): void {
  const { ticket } = decision;
  if (ticket.status !== 'solved' && ticket.status !== 'closed')
    throw new RuleViolationError(
      'csat_before_solve',
      `ticket ${ticket.ticketId} is ${ticket.status}; CSAT is rated after solve`,
      { status: ticket.status },
    );
  if (!Number.isInteger(command.score) || command.score < 1 || command.score > 5)
    throw new InvalidInputError('score', 'must be an integer from 1 to 5');
  decision.emit({
    type: 'CsatRated',
    data: {
      ...decision.ids,
      contactId: ticket.contactId,
      score: command.score,
      comment: command.comment,
      at: decision.at,
    },
  });
}

/** From the SLA clock: recorded once, and only for the at-risk instant the target still has. */
function recordSlaAtRisk(command: Command<'RecordSlaAtRisk'>, decision: TicketDecision): void {
  const target = slaTarget(decision.ticket, command.instance);
  if (target.atRiskRecorded) return;
  if (target.status !== 'running' || target.atRiskAt === null || ms(target.atRiskAt) !== ms(command.atRiskAt))
    stale(command.instance, `is not at risk at ${command.atRiskAt}`, target);
  if (ms(decision.at) < ms(target.atRiskAt))
    stale(command.instance, `is not at risk before ${target.atRiskAt}`, target);
  decision.emit({
    type: 'SlaTargetAtRisk',
    data: { ...decision.ids, instance: command.instance, atRiskAt: target.atRiskAt, dueAt: target.dueAt as string },
  });
}

/** From the SLA clock: recorded once, and only for the due instant the target still has. */
function recordSlaBreach(command: Command<'RecordSlaBreach'>, decision: TicketDecision): void {
  const target = slaTarget(decision.ticket, command.instance);
  if (target.breached) return;
  if (target.status !== 'running' || target.dueAt === null || ms(target.dueAt) !== ms(command.dueAt))
    stale(command.instance, `is not due at ${command.dueAt}`, target);
  if (ms(decision.at) < ms(target.dueAt)) stale(command.instance, `is not due before ${target.dueAt}`, target);
  decision.emit({
    type: 'SlaTargetBreached',
    data: { ...decision.ids, instance: command.instance, breachedAt: target.dueAt },
  });
}

function flagUpdateDue(command: Command<'FlagUpdateDue'>, decision: TicketDecision): void {
  const { ticket } = decision;
  if (ticket.updateDueFlagged) return;
  if (ticket.waitingSince === null || ms(ticket.waitingSince) !== ms(command.waitingSince))
    staleTrigger(ticket, `is not waiting on the team since ${command.waitingSince}`);
  const dueAt = iso(
    addBusinessMinutes(ticket.sla?.calendar ?? null, ms(ticket.waitingSince), command.thresholdMinutes),
  );
  if (ms(decision.at) < ms(dueAt)) staleTrigger(ticket, `an update is not due before ${dueAt}`);
  decision.emit({
    type: 'TicketUpdateDue',
    data: { ...decision.ids, waitingSince: ticket.waitingSince, dueAt, thresholdMinutes: command.thresholdMinutes },
  });
}

function flagLowCsat(command: Command<'FlagLowCsat'>, decision: TicketDecision): void {
  const { ticket } = decision;
  if (ticket.lowCsatFlagged) return;
  if (!ticket.csat || ticket.csat.score !== command.score || ticket.csat.score > command.threshold)
    staleTrigger(ticket, `its rating is not ${command.score} at or below ${command.threshold}`);
  decision.emit({
    type: 'LowCsatFlagged',
    data: { ...decision.ids, score: ticket.csat.score, threshold: command.threshold, ratedAt: ticket.csat.at },
  });
}

function clearLowCsat(command: Command<'ClearLowCsat'>, decision: TicketDecision): void {
  const { ticket } = decision;
  if (!ticket.lowCsatFlagged) return;
  if (!ticket.csat || ticket.csat.score <= command.threshold)
    staleTrigger(ticket, `its rating is still at or below ${command.threshold}`);
  decision.emit({ type: 'LowCsatCleared', data: { ...decision.ids, score: ticket.csat.score, at: decision.at } });
}

function alertStrategicBreach(command: Command<'AlertStrategicBreach'>, decision: TicketDecision): void {
  const { ticket } = decision;
  const target = slaTarget(ticket, command.instance);
  if (ticket.alertedBreaches.includes(command.instance)) return;
  if (!target.breached || target.breachedAt === null) stale(command.instance, 'has not breached', target);
  decision.emit({
    type: 'StrategicBreachAlerted',
    data: { ...decision.ids, instance: command.instance, breachedAt: target.breachedAt, at: decision.at },
  });
}

/** Every command but OpenTicket needs the ticket; each has its own rule, then triggers settle. */
function decide(command: TicketCommand, state: TicketState): TicketEvent[] {
  if (command.kind === 'OpenTicket') return openTicket(command, state);
  if (!state.exists) throw new NotFoundError('ticket', command.ticketId);
  const decision = new TicketDecision(state, command.at);
  switch (command.kind) {
    case 'AddReply':
      addReply(command, decision);
      break;
    case 'AddNote':
      addNote(command, decision);
      break;
    case 'ChangeStatus':
      changeStatus(command, decision);
      break;
    case 'AssignTicket':
      assignTicket(command, decision);
      break;
    case 'ChangePriority':
      changePriority(command, decision);
      break;
    case 'EscalateTicket':
      escalateTicket(command, decision);
      break;
    case 'MergeTicket':
      mergeTicket(command, decision);
      break;
    case 'RateCsat':
      rateCsat(command, decision);
      break;
    case 'RecordSlaAtRisk':
      recordSlaAtRisk(command, decision);
      break;
    case 'RecordSlaBreach':
      recordSlaBreach(command, decision);
      break;
    case 'FlagUpdateDue':
      flagUpdateDue(command, decision);
      break;
    case 'FlagLowCsat':
      flagLowCsat(command, decision);
      break;
    case 'ClearLowCsat':
      clearLowCsat(command, decision);
      break;
    case 'AlertStrategicBreach':
      alertStrategicBreach(command, decision);
      break;
  }
  decision.settleTriggers();
  return decision.events;
}

/** Tickets with their SLA targets (docs/design.md §4): the SLA clock runs inside the ticket's own stream. */
export const ticketDecider: Decider<TicketCommand, TicketEvent, TicketState> = {
  initialState: { exists: false },
  evolve: evolveTicket,
  decide,
};
