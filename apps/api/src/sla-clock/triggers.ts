import type { CommandBus } from '@nestjs/cqrs';
import type { Pool } from 'pg';
import type { AppConfig } from '@app/config';
import { addBusinessMinutes, type BusinessCalendar, type RiskReason } from '@app/domain';
import type { Metrics } from '@app/observability';
import { qualified } from '@app/projections';
import { ClearAccountRiskCommand } from '../accounts/commands/clear-account-risk/clear-account-risk.command';
import { FlagAccountRiskCommand } from '../accounts/commands/flag-account-risk/flag-account-risk.command';
import { streams } from '../shared/stream-id.pipe';
import { AlertStrategicBreachCommand } from '../tickets/commands/alert-strategic-breach/alert-strategic-breach.command';
import { ClearLowCsatCommand } from '../tickets/commands/clear-low-csat/clear-low-csat.command';
import { FlagLowCsatCommand } from '../tickets/commands/flag-low-csat/flag-low-csat.command';
import { FlagUpdateDueCommand } from '../tickets/commands/flag-update-due/flag-update-due.command';
import type { ClockJob, CommandDispatcher } from './command-dispatcher';
import { clockMeta, type ReadModelView } from './sla-clock';

type TriggerSettings = Pick<AppConfig, 'TRIGGER_UPDATE_DUE_BUSINESS_HOURS' | 'TRIGGER_RENEWAL_WINDOW_DAYS' | 'TRIGGER_RECENT_BREACH_DAYS' | 'TRIGGER_LOW_CSAT_MAX'>;

const DAY_MS = 86_400_000;

/**
 * Proactive triggers (DESIGN §6), the same pattern as the SLA clock: the queue read model says where
 * a condition holds and is not recorded yet (or is recorded and no longer holds); a command to the
 * ticket or account records it, and the decider checks it against the aggregate's own state.
 */
export class Triggers {
  /** Business-time due of an update, per ticket wait, once computed (a wait is long; its due does not move). */
  private readonly updateDue = new Map<string, number>();

  constructor(
    private readonly pool: Pool,
    private readonly bus: CommandBus,
    private readonly dispatcher: CommandDispatcher,
    private readonly metrics: Metrics,
    private readonly settings: TriggerSettings,
  ) {}

  async tick(view: ReadModelView, now: Date): Promise<void> {
    const jobs = [...(await this.updatesDue(view, now)), ...(await this.lowCsat(view)), ...(await this.strategicBreaches(view)), ...(await this.accountsAtRisk(view, now))];
    await this.dispatcher.run(jobs.filter((job) => !this.dispatcher.pending(job.key, view.position)));
  }

  private job(key: string, stream: string, kind: string, command: object): ClockJob {
    return { key, stream, send: () => this.bus.execute(command), recorded: () => this.metrics.clockRecorded.inc({ kind }) };
  }

  /** Tickets waiting on the team for the threshold in business hours of their calendar (24/7 without one). */
  private async updatesDue(view: ReadModelView, now: Date): Promise<ClockJob[]> {
    const minutes = this.settings.TRIGGER_UPDATE_DUE_BUSINESS_HOURS * 60;
    // A business hour is never shorter than a wall-clock hour: only waits this old can be due.
    const { rows } = await this.pool.query<{ ticket_id: string; waiting_since: Date; calendar: BusinessCalendar | null }>(
      `SELECT t.ticket_id, t.waiting_since, c.calendar FROM ${qualified(view.schema, 'tickets')} t LEFT JOIN ${qualified(view.schema, 'ticket_calendars')} c USING (ticket_id)
        WHERE t.waiting_since IS NOT NULL AND NOT t.update_due_flagged AND t.waiting_since <= $1`,
      [new Date(now.getTime() - minutes * 60_000)],
    );
    const seen = new Set<string>();
    const jobs: ClockJob[] = [];
    for (const row of rows) {
      const since = row.waiting_since.toISOString();
      const wait = `${row.ticket_id}:${since}`;
      seen.add(wait);
      let due = this.updateDue.get(wait);
      if (due === undefined) this.updateDue.set(wait, (due = addBusinessMinutes(row.calendar, row.waiting_since.getTime(), minutes)));
      if (due > now.getTime()) continue;
      const key = `triggers:update-due:${wait}`;
      jobs.push(this.job(key, streams.ticket(row.ticket_id), 'update_due', new FlagUpdateDueCommand(row.ticket_id, since, minutes, clockMeta('triggers', key, true))));
    }
    for (const wait of this.updateDue.keys()) if (!seen.has(wait)) this.updateDue.delete(wait);
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
      const command = row.flagged ? new ClearLowCsatCommand(row.ticket_id, max, clockMeta('triggers', key, false)) : new FlagLowCsatCommand(row.ticket_id, row.csat, max, clockMeta('triggers', key, false));
      return this.job(key, streams.ticket(row.ticket_id), row.flagged ? 'low_csat_cleared' : 'low_csat', command);
    });
  }

  /** Breaches on accounts that were strategic when they happened. */
  private async strategicBreaches(view: ReadModelView): Promise<ClockJob[]> {
    const { rows } = await this.pool.query<{ ticket_id: string; instance: string }>(`SELECT ticket_id, instance FROM ${qualified(view.schema, 'targets')} WHERE alert_pending`);
    return rows.map((row) => {
      const key = `triggers:strategic-breach:${row.ticket_id}:${row.instance}`;
      return this.job(key, streams.ticket(row.ticket_id), 'strategic_breach', new AlertStrategicBreachCommand(row.ticket_id, row.instance, clockMeta('triggers', key, true)));
    });
  }

  /** Accounts renewing within the window with open urgent/high tickets or a recent breach; flags whose reasons are gone. */
  private async accountsAtRisk(view: ReadModelView, now: Date): Promise<ClockJob[]> {
    const today = now.toISOString().slice(0, 10);
    const { rows } = await this.pool.query<{ account_id: string; risk_flagged: boolean; renewal_date: string | null; churned: boolean; last_breach_at: Date | null; open_urgent: number }>(
      `SELECT a.account_id, a.risk_flagged, to_char(a.renewal_date, 'YYYY-MM-DD') AS renewal_date, a.churned, a.last_breach_at,
              (SELECT count(*) FROM ${qualified(view.schema, 'tickets')} t WHERE t.account_id = a.account_id AND t.is_open AND t.priority IN ('urgent', 'high'))::int AS open_urgent
         FROM ${qualified(view.schema, 'accounts')} a
        WHERE a.risk_flagged OR (NOT a.churned AND a.renewal_date BETWEEN $1::date AND $1::date + $2::int)`,
      [today, this.settings.TRIGGER_RENEWAL_WINDOW_DAYS],
    );
    const recentFrom = now.getTime() - this.settings.TRIGGER_RECENT_BREACH_DAYS * DAY_MS;
    const jobs: ClockJob[] = [];
    for (const row of rows) {
      const inWindow = !row.churned && row.renewal_date !== null && row.renewal_date >= today && Date.parse(row.renewal_date) - Date.parse(today) <= this.settings.TRIGGER_RENEWAL_WINDOW_DAYS * DAY_MS;
      const reasons: RiskReason[] = [];
      if (inWindow && row.open_urgent > 0) reasons.push({ code: 'renewal_with_open_urgent_tickets', renewalDate: row.renewal_date as string, openTickets: row.open_urgent });
      if (inWindow && row.last_breach_at && row.last_breach_at.getTime() >= recentFrom) reasons.push({ code: 'renewal_with_recent_breach', renewalDate: row.renewal_date as string, lastBreachAt: row.last_breach_at.toISOString() });
      if ((reasons.length > 0) === row.risk_flagged) continue;
      const stream = streams.account(row.account_id);
      if (reasons.length > 0) {
        const key = `triggers:account-risk:${row.account_id}:${today}`;
        jobs.push(this.job(key, stream, 'account_at_risk', new FlagAccountRiskCommand(row.account_id, reasons, clockMeta('triggers', key, false))));
      } else {
        const key = `triggers:account-risk-cleared:${row.account_id}:${today}`;
        jobs.push(this.job(key, stream, 'account_risk_cleared', new ClearAccountRiskCommand(row.account_id, clockMeta('triggers', key, false))));
      }
    }
    return jobs;
  }
}
