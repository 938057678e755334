import { addBusinessMinutes, businessMinutesBetween } from '../calendar/business-time';
import { RuleViolationError } from '../shared/domain-error';
import type { SlaMetric, TicketStatus } from '../shared/support-types';
import type { SlaOutcome, SlaSnapshot, TicketEvent } from './ticket.events';
import { evolveTicket, type ExistingTicket, type SlaTargetState } from './ticket.state';

export const ms = Date.parse;
export const iso = (instant: number): string => new Date(instant).toISOString();

/**
 * The events of one decision on a ticket, each folded into the state the next rule sees, and the SLA
 * bookkeeping every rule shares (docs/design.md §4): targets start, pause, resume, end, reschedule and
 * breach as the ticket's status and priority change.
 */
export class TicketDecision {
  readonly events: TicketEvent[] = [];
  constructor(
    public ticket: ExistingTicket,
    readonly at: string,
  ) {}

  emit(event: TicketEvent): void {
    this.events.push(event);
    this.ticket = evolveTicket(this.ticket, event) as ExistingTicket;
  }

  get ids(): { ticketId: string; accountId: string } {
    return { ticketId: this.ticket.ticketId, accountId: this.ticket.accountId };
  }

  /** Targets still counting or paused, optionally of one metric. */
  open(metric?: SlaMetric): SlaTargetState[] {
    return Object.values(this.ticket.targets).filter(
      (target) => target.status !== 'ended' && (metric === undefined || target.metric === metric),
    );
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
      throw new RuleViolationError(
        'sla_target_unreachable',
        `SLA policy ${sla.policyId}: ${error.message}; shorten its targets or lengthen calendar ${sla.calendarId}'s hours`,
        { policyId: sla.policyId, calendarId: sla.calendarId },
      );
    }
  }

  private used(target: SlaTargetState): number {
    if (target.status !== 'running' || target.runningSince === null) return target.usedMinutes;
    return (
      target.usedMinutes +
      businessMinutesBetween(this.ticket.sla?.calendar ?? null, ms(target.runningSince), ms(this.at))
    );
  }

  /** A running target whose due time has passed breached then, whether or not the clock said so yet. */
  private breachIfOverdue(target: SlaTargetState): void {
    if (target.status === 'running' && !target.breached && target.dueAt !== null && ms(this.at) >= ms(target.dueAt)) {
      this.emit({
        type: 'SlaTargetBreached',
        data: { ...this.ids, instance: target.instance, breachedAt: target.dueAt },
      });
    }
  }

  start(metric: SlaMetric): void {
    const sla = this.ticket.sla;
    const budgetMinutes = sla?.targets[this.ticket.priority]?.[metric];
    if (!sla || budgetMinutes === undefined) return;
    const instance = `${metric}:${metric === 'next_response' ? this.ticket.nextResponses + 1 : 1}`;
    this.emit({
      type: 'SlaTargetStarted',
      data: {
        ...this.ids,
        metric,
        instance,
        startedAt: this.at,
        budgetMinutes,
        ...this.schedule(this.at, budgetMinutes),
      },
    });
    if (sla.pauseStatuses.includes(this.ticket.status)) this.pause(this.ticket.targets[instance]);
  }

  end(target: SlaTargetState, cancelled = false): void {
    this.breachIfOverdue(target);
    const current = this.ticket.targets[target.instance];
    const outcome: SlaOutcome = current.breached ? 'breached' : cancelled ? 'cancelled' : 'achieved';
    this.emit({
      type: 'SlaTargetEnded',
      data: { ...this.ids, instance: target.instance, endedAt: this.at, outcome, businessMinutes: this.used(current) },
    });
  }

  pause(target: SlaTargetState): void {
    if (target.status !== 'running') return;
    this.breachIfOverdue(target);
    this.emit({
      type: 'SlaTargetPaused',
      data: { ...this.ids, instance: target.instance, pausedAt: this.at, usedMinutes: this.used(target) },
    });
  }

  resume(target: SlaTargetState, reason: 'status' | 'reopened'): void {
    const usedMinutes = target.usedMinutes;
    this.emit({
      type: 'SlaTargetResumed',
      data: {
        ...this.ids,
        instance: target.instance,
        resumedAt: this.at,
        reason,
        usedMinutes,
        ...this.schedule(this.at, target.budgetMinutes - usedMinutes),
      },
    });
  }

  reschedule(target: SlaTargetState, budgetMinutes: number): void {
    const usedMinutes = this.used(target);
    const when =
      target.status === 'running'
        ? this.schedule(this.at, budgetMinutes - usedMinutes)
        : { dueAt: null, atRiskAt: null };
    this.emit({
      type: 'SlaTargetRescheduled',
      data: { ...this.ids, instance: target.instance, budgetMinutes, usedMinutes, ...when, at: this.at },
    });
    if (target.status === 'running' && usedMinutes >= budgetMinutes && !target.breached) {
      this.emit({ type: 'SlaTargetBreached', data: { ...this.ids, instance: target.instance, breachedAt: this.at } });
    }
  }

  /** An update-due flag ends with the wait it was raised for. */
  settleTriggers(): void {
    if (this.ticket.updateDueFlagged && this.ticket.waitingSince === null)
      this.emit({ type: 'TicketUpdateDueCleared', data: { ...this.ids, at: this.at } });
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
      for (const target of Object.values(this.ticket.targets))
        if (target.metric === 'resolution' && target.status === 'ended') this.resume(target, 'reopened');
    }
    if (pauses.includes(to)) for (const target of this.open()) this.pause(target);
    else for (const target of this.open()) if (target.status === 'paused') this.resume(target, 'status');
  }
}
