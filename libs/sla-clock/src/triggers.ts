import type { CommandBus } from '@nestjs/cqrs';
import type { Pool } from 'pg';
import { Send, type CommandResult, type CommandToSend } from '@app/commanding';
import type { AppConfig } from '@app/config';
import { addBusinessMinutes, DomainError, routeOf, type BusinessCalendar, type RiskReason } from '@app/domain';
import type { Metrics } from '@app/observability';
import { qualified } from '@app/projections';
import type { ClockJob, CommandDispatcher } from './command-dispatcher';
import { clockMeta, type ReadModelView } from './sla-clock';

type TriggerSettings = Pick<
  AppConfig,
  | 'TRIGGER_UPDATE_DUE_BUSINESS_HOURS'
  | 'TRIGGER_RENEWAL_WINDOW_DAYS'
  | 'TRIGGER_RECENT_BREACH_DAYS'
  | 'TRIGGER_LOW_CSAT_MAX'
>;

const DAY_MS = 86_400_000;
/** How often the update-due trigger reads every candidate wait again. */
const FULL_SCAN_MS = 60_000;

/**
 * Proactive triggers (docs/design.md §6), the same pattern as the SLA clock: the queue read model says where
 * a condition holds and is not recorded yet (or is recorded and no longer holds); a command to the
 * ticket or account records it, and the decider checks it against the aggregate's own state.
 */
export class Triggers {
  /** Waits past the wall-clock bound and not flagged, with their business-time due instant (computed once). */
  private readonly waits = new Map<string, { ticketId: string; since: string; due: number }>();
  private bound: Date | null = null;
  private scannedAt: number | null = null;

  constructor(
    private readonly pool: Pool,
    private readonly bus: CommandBus,
    private readonly dispatcher: CommandDispatcher,
    private readonly metrics: Metrics,
    private readonly settings: TriggerSettings,
  ) {}

  async tick(view: ReadModelView, now: Date): Promise<void> {
    const jobs = [
      ...(await this.updatesDue(view, now)),
      ...(await this.lowCsat(view)),
      ...(await this.strategicBreaches(view)),
      ...(await this.accountsAtRisk(view, now)),
    ];
    await this.dispatcher.run(jobs.filter((job) => !this.dispatcher.pending(job.key, view.position)));
  }

  /** `settled`: called when the decider has answered (recorded, nothing to do, or refused as stale), not after a failure. */
  /** `keyed`: the command's event ids derive from `key`, for commands that record one instant once. */
  private job(key: string, kind: string, command: CommandToSend, keyed: boolean, settled?: () => void): ClockJob {
    const send = async (): Promise<CommandResult> => {
      try {
        const result = await this.bus.execute<Send, CommandResult>(
          new Send(command, clockMeta('triggers', key, keyed)),
        );
        settled?.();
        return result;
      } catch (error) {
        if (error instanceof DomainError) settled?.();
        throw error;
      }
    };
    return { key, stream: routeOf(command).streamId, send, recorded: () => this.metrics.clockRecorded.inc({ kind }) };
  }

  /**
   * Tickets waiting on the team for the threshold in business hours of their calendar (24/7 without
   * one). A business hour is never shorter than a wall-clock hour, so only waits older than the
   * threshold in wall-clock time can be due; each wait's due instant is computed once and kept. A
   * tick reads only the waits that crossed that bound since the last tick; every minute it reads
   * them all, which also picks up rows the read model wrote late (a backfill, a rebuild).
   */
  private async updatesDue(view: ReadModelView, now: Date): Promise<ClockJob[]> {
    const minutes = this.settings.TRIGGER_UPDATE_DUE_BUSINESS_HOURS * 60;
    const bound = new Date(now.getTime() - minutes * 60_000);
    const full =
      this.scannedAt === null ||
      Date.now() - this.scannedAt >= FULL_SCAN_MS ||
      this.bound === null ||
      bound < this.bound;
    const { rows } = await this.pool.query<{
      ticket_id: string;
      waiting_since: Date;
      calendar: BusinessCalendar | null;
    }>(
      `SELECT t.ticket_id, t.waiting_since, c.calendar FROM ${qualified(view.schema, 'tickets')} t LEFT JOIN ${qualified(view.schema, 'ticket_calendars')} c USING (ticket_id)
        WHERE t.waiting_since IS NOT NULL AND NOT t.update_due_flagged AND t.waiting_since <= $1 AND ($2::timestamptz IS NULL OR t.waiting_since > $2)`,
      [bound, full ? null : this.bound],
    );
    if (full) {
      this.waits.clear();
      this.scannedAt = Date.now();
    }
    this.bound = bound;
    for (const row of rows) {
      const since = row.waiting_since.toISOString();
      this.waits.set(`${row.ticket_id}:${since}`, {
        ticketId: row.ticket_id,
        since,
        due: addBusinessMinutes(row.calendar, row.waiting_since.getTime(), minutes),
      });
    }
    const jobs: ClockJob[] = [];
    for (const [wait, { ticketId, since, due }] of this.waits) {
      if (due > now.getTime()) continue;
      const key = `triggers:update-due:${wait}`;
      // Once the decider answered (recorded, already recorded, or the wait ended) the wait is done; a failure keeps it.
      jobs.push(
        this.job(
          key,
          'update_due',
          { kind: 'FlagUpdateDue', ticketId, waitingSince: since, thresholdMinutes: minutes },
          true,
          () => this.waits.delete(wait),
        ),
      );
    }
    return jobs;
  }

  /** Ratings at or below the threshold not flagged yet, and flags whose rating has risen above it. */
  private async lowCsat(view: ReadModelView): Promise<ClockJob[]> {
    const max = this.settings.TRIGGER_LOW_CSAT_MAX;
    const tickets = qualified(view.schema, 'tickets');
    const { rows } = await this.pool.query<{ ticket_id: string; csat: number; flagged: boolean }>(
      `SELECT ticket_id, csat, false AS flagged FROM ${tickets} WHERE csat IS NOT NULL AND NOT low_csat_flagged AND csat <= $1
       UNION ALL
       SELECT ticket_id, csat, true FROM ${tickets} WHERE low_csat_flagged AND csat > $1`,
      [max],
    );
    return rows.map((row) => {
      const key = `triggers:${row.flagged ? 'csat-cleared' : 'low-csat'}:${row.ticket_id}:${row.csat}`;
      const command: CommandToSend = row.flagged
        ? { kind: 'ClearLowCsat', ticketId: row.ticket_id, threshold: max }
        : { kind: 'FlagLowCsat', ticketId: row.ticket_id, score: row.csat, threshold: max };
      return this.job(key, row.flagged ? 'low_csat_cleared' : 'low_csat', command, false);
    });
  }

  /** Breaches on accounts that were strategic when they happened. */
  private async strategicBreaches(view: ReadModelView): Promise<ClockJob[]> {
    const { rows } = await this.pool.query<{ ticket_id: string; instance: string }>(
      `SELECT ticket_id, instance FROM ${qualified(view.schema, 'targets')} WHERE alert_pending`,
    );
    return rows.map((row) => {
      const key = `triggers:strategic-breach:${row.ticket_id}:${row.instance}`;
      const command: CommandToSend = { kind: 'AlertStrategicBreach', ticketId: row.ticket_id, instance: row.instance };
      return this.job(key, 'strategic_breach', command, true);
    });
  }

  /** Accounts renewing within the window with open urgent/high tickets or a recent breach; flags whose reasons are gone. */
  private async accountsAtRisk(view: ReadModelView, now: Date): Promise<ClockJob[]> {
    const today = now.toISOString().slice(0, 10);
    const { rows } = await this.pool.query<{
      account_id: string;
      risk_flagged: boolean;
      renewal_date: string | null;
      churned: boolean;
      last_breach_at: Date | null;
      open_urgent: number;
    }>(
      `SELECT a.account_id, a.risk_flagged, to_char(a.renewal_date, 'YYYY-MM-DD') AS renewal_date, a.churned, a.last_breach_at,
              (SELECT count(*) FROM ${qualified(view.schema, 'tickets')} t WHERE t.account_id = a.account_id AND t.is_open AND t.priority IN ('urgent', 'high'))::int AS open_urgent
         FROM ${qualified(view.schema, 'accounts')} a
        WHERE a.risk_flagged OR (NOT a.churned AND a.renewal_date BETWEEN $1::date AND $1::date + $2::int)`,
      [today, this.settings.TRIGGER_RENEWAL_WINDOW_DAYS],
    );
    const recentFrom = now.getTime() - this.settings.TRIGGER_RECENT_BREACH_DAYS * DAY_MS;
    const jobs: ClockJob[] = [];
    for (const row of rows) {
      const inWindow =
        !row.churned &&
        row.renewal_date !== null &&
        row.renewal_date >= today &&
        Date.parse(row.renewal_date) - Date.parse(today) <= this.settings.TRIGGER_RENEWAL_WINDOW_DAYS * DAY_MS;
      const reasons: RiskReason[] = [];
      if (inWindow && row.open_urgent > 0)
        reasons.push({
          code: 'renewal_with_open_urgent_tickets',
          renewalDate: row.renewal_date as string,
          openTickets: row.open_urgent,
        });
      if (inWindow && row.last_breach_at && row.last_breach_at.getTime() >= recentFrom)
        reasons.push({
          code: 'renewal_with_recent_breach',
          renewalDate: row.renewal_date as string,
          lastBreachAt: row.last_breach_at.toISOString(),
        });
      if (reasons.length > 0 === row.risk_flagged) continue;
      const accountId = row.account_id;
      if (reasons.length > 0) {
        const key = `triggers:account-risk:${accountId}:${today}`;
        jobs.push(this.job(key, 'account_at_risk', { kind: 'FlagAccountRisk', accountId, reasons }, false));
      } else {
        const key = `triggers:account-risk-cleared:${accountId}:${today}`;
        jobs.push(this.job(key, 'account_risk_cleared', { kind: 'ClearAccountRisk', accountId }, false));
      }
    }
    return jobs;
  }
}
