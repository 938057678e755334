import type { CommandBus } from '@nestjs/cqrs';
import type { Pool } from 'pg';
import { routeOf, Send, type CommandResult, type CommandToSend } from '@app/commanding';
import type { AppConfig } from '@app/config';
import { addBusinessMinutes, DomainError, renewalRiskReasons } from '@app/domain';
import type { Metrics } from '@app/observability';
import {
  accountsNearRenewal,
  lowCsatChanges,
  strategicBreachesPending,
  ticketsWaiting,
  type ReadModel,
} from '@app/projections';
import type { ClockJob, CommandDispatcher } from './command-dispatcher';
import { clockMeta, type ReadModelView } from './sla-clock';

type TriggerSettings = Pick<
  AppConfig,
  | 'TRIGGER_UPDATE_DUE_BUSINESS_HOURS'
  | 'TRIGGER_RENEWAL_WINDOW_DAYS'
  | 'TRIGGER_RECENT_BREACH_DAYS'
  | 'TRIGGER_LOW_CSAT_MAX'
>;

/** How often the update-due trigger reads every candidate wait again. */
const FULL_SCAN_MS = 60_000;

/**
 * Proactive triggers (docs/design.md §6), the same pattern as the SLA clock: the work list read model (`clock`) says where
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
    const model = { pool: this.pool, schema: view.schema };
    const jobs = [
      ...(await this.updatesDue(model, now)),
      ...(await this.lowCsat(model)),
      ...(await this.strategicBreaches(model)),
      ...(await this.accountsAtRisk(model, now)),
    ];
    await this.dispatcher.run(jobs.filter((job) => !this.dispatcher.pending(job.key, view.position)));
  }

  /**
   * `keyed`: the command's event ids derive from `key`, for commands that record one instant once.
   * `settled`: called when the decider has answered (recorded, nothing to do, or refused as stale), not after a failure.
   */
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
  private async updatesDue(model: ReadModel, now: Date): Promise<ClockJob[]> {
    const minutes = this.settings.TRIGGER_UPDATE_DUE_BUSINESS_HOURS * 60;
    const bound = new Date(now.getTime() - minutes * 60_000);
    const full =
      this.scannedAt === null ||
      Date.now() - this.scannedAt >= FULL_SCAN_MS ||
      this.bound === null ||
      bound < this.bound;
    const rows = await ticketsWaiting(model, bound, full ? null : this.bound);
    if (full) {
      this.waits.clear();
      this.scannedAt = Date.now();
    }
    this.bound = bound;
    for (const { ticketId, waitingSince, calendar } of rows) {
      const since = waitingSince.toISOString();
      this.waits.set(`${ticketId}:${since}`, {
        ticketId,
        since,
        due: addBusinessMinutes(calendar, waitingSince.getTime(), minutes),
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
  private async lowCsat(model: ReadModel): Promise<ClockJob[]> {
    const max = this.settings.TRIGGER_LOW_CSAT_MAX;
    return (await lowCsatChanges(model, max)).map(({ ticketId, csat, flagged }) => {
      const key = `triggers:${flagged ? 'csat-cleared' : 'low-csat'}:${ticketId}:${csat}`;
      const command: CommandToSend = flagged
        ? { kind: 'ClearLowCsat', ticketId, threshold: max }
        : { kind: 'FlagLowCsat', ticketId, score: csat, threshold: max };
      return this.job(key, flagged ? 'low_csat_cleared' : 'low_csat', command, false);
    });
  }

  /** Breaches on accounts that were strategic when they happened. */
  private async strategicBreaches(model: ReadModel): Promise<ClockJob[]> {
    return (await strategicBreachesPending(model)).map(({ ticketId, instance }) => {
      const key = `triggers:strategic-breach:${ticketId}:${instance}`;
      return this.job(key, 'strategic_breach', { kind: 'AlertStrategicBreach', ticketId, instance }, true);
    });
  }

  /** Accounts whose at-risk flag no longer matches the rule (docs/design.md §6): flagged without reasons, or reasons without the flag. */
  private async accountsAtRisk(model: ReadModel, now: Date): Promise<ClockJob[]> {
    const today = now.toISOString().slice(0, 10);
    const policy = {
      renewalWindowDays: this.settings.TRIGGER_RENEWAL_WINDOW_DAYS,
      recentBreachDays: this.settings.TRIGGER_RECENT_BREACH_DAYS,
    };
    const jobs: ClockJob[] = [];
    for (const account of await accountsNearRenewal(model, today, policy.renewalWindowDays)) {
      const { accountId, riskFlagged } = account;
      const lastBreachAt = account.lastBreachAt?.toISOString() ?? null;
      const reasons = renewalRiskReasons({ ...account, lastBreachAt }, today, now, policy);
      if (reasons.length > 0 === riskFlagged) continue;
      jobs.push(
        reasons.length > 0
          ? this.job(
              `triggers:account-risk:${accountId}:${today}`,
              'account_at_risk',
              {
                kind: 'FlagAccountRisk',
                accountId,
                reasons,
              },
              false,
            )
          : this.job(
              `triggers:account-risk-cleared:${accountId}:${today}`,
              'account_risk_cleared',
              {
                kind: 'ClearAccountRisk',
                accountId,
              },
              false,
            ),
      );
    }
    return jobs;
  }
}
