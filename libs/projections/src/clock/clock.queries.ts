import type { BusinessCalendar } from '@app/domain';
import { qualified, type ReadModel } from '../projection';

/**
 * What the SLA clock and the proactive triggers read of their work list: the work they have to
 * record, each as of the instant they ask for.
 */

/** A running target whose at-risk or due instant has come, and whose event is not recorded yet. */
export interface DueTarget {
  ticketId: string;
  instance: string;
  kind: 'at_risk' | 'breach';
  at: Date;
}

/** Up to `limit` of each kind, earliest first within a kind. */
const dueTargets = (schema: string) => {
  const targets = qualified(schema, 'targets');
  return `
  (SELECT ticket_id AS "ticketId", instance, 'at_risk' AS kind, at_risk_at AS at FROM ${targets}
    WHERE status = 'running' AND NOT at_risk_recorded AND NOT breached AND at_risk_at <= $1 ORDER BY at_risk_at LIMIT $2)
  UNION ALL
  (SELECT ticket_id, instance, 'breach', due_at FROM ${targets} WHERE status = 'running' AND NOT breached AND due_at <= $1 ORDER BY due_at LIMIT $2)`;
};

/** The targets due at `now` (up to `limit` of each kind), earliest first: what the clock records next. */
export async function targetsDue(model: ReadModel, now: Date, limit: number): Promise<DueTarget[]> {
  const { rows } = await model.pool.query<DueTarget>(`${dueTargets(model.schema)} ORDER BY at`, [now, limit]);
  return rows;
}

/** How many targets are due at `now` (each kind counted up to `limit`), how many of them at risk, and the earliest. */
export async function targetsDueCount(
  model: ReadModel,
  now: Date,
  limit: number,
): Promise<{ due: number; atRisk: number; oldest: Date | null }> {
  const { rows } = await model.pool.query<{ due: string; at_risk: string; oldest: Date | null }>(
    `SELECT count(*) AS due, count(*) FILTER (WHERE kind = 'at_risk') AS at_risk, min(at) AS oldest FROM (${dueTargets(model.schema)}) due`,
    [now, limit],
  );
  const [{ due, at_risk: atRisk, oldest }] = rows;
  return { due: Number(due), atRisk: Number(atRisk), oldest };
}

/** A ticket waiting on the team since `waitingSince`, not flagged yet, with its business calendar (null: 24/7). */
export interface WaitingTicket {
  ticketId: string;
  waitingSince: Date;
  calendar: BusinessCalendar | null;
}

/** Tickets waiting since `bound` or earlier, and only since after `after` when given (what changed since a last look). */
export async function ticketsWaiting(model: ReadModel, bound: Date, after: Date | null): Promise<WaitingTicket[]> {
  const { rows } = await model.pool.query<WaitingTicket>(
    `SELECT t.ticket_id AS "ticketId", t.waiting_since AS "waitingSince", c.calendar
       FROM ${qualified(model.schema, 'tickets')} t LEFT JOIN ${qualified(model.schema, 'ticket_calendars')} c USING (ticket_id)
      WHERE t.waiting_since IS NOT NULL AND NOT t.update_due_flagged AND t.waiting_since <= $1 AND ($2::timestamptz IS NULL OR t.waiting_since > $2)`,
    [bound, after],
  );
  return rows;
}

/** Ratings at or below `max` not flagged yet (`flagged` false), and flags whose rating has risen above it (true). */
export async function lowCsatChanges(
  model: ReadModel,
  max: number,
): Promise<Array<{ ticketId: string; csat: number; flagged: boolean }>> {
  const tickets = qualified(model.schema, 'tickets');
  const { rows } = await model.pool.query<{ ticketId: string; csat: number; flagged: boolean }>(
    `SELECT ticket_id AS "ticketId", csat, false AS flagged FROM ${tickets} WHERE csat IS NOT NULL AND NOT low_csat_flagged AND csat <= $1
     UNION ALL
     SELECT ticket_id, csat, true FROM ${tickets} WHERE low_csat_flagged AND csat > $1`,
    [max],
  );
  return rows;
}

/** Breaches on accounts that were strategic when they happened, not alerted yet. */
export async function strategicBreachesPending(
  model: ReadModel,
): Promise<Array<{ ticketId: string; instance: string }>> {
  const { rows } = await model.pool.query<{ ticketId: string; instance: string }>(
    `SELECT ticket_id AS "ticketId", instance FROM ${qualified(model.schema, 'targets')} WHERE alert_pending`,
  );
  return rows;
}

/** An account as the at-risk rule weighs it. */
export interface AccountRenewalFacts {
  accountId: string;
  riskFlagged: boolean;
  renewalDate: string | null;
  churned: boolean;
  lastBreachAt: Date | null;
  openUrgentOrHigh: number;
}

/** Accounts flagged at risk, and accounts not churned renewing from `today` to `windowDays` later. */
export async function accountsNearRenewal(
  model: ReadModel,
  today: string,
  windowDays: number,
): Promise<AccountRenewalFacts[]> {
  const { rows } = await model.pool.query<AccountRenewalFacts>(
    `SELECT a.account_id AS "accountId", a.risk_flagged AS "riskFlagged", to_char(a.renewal_date, 'YYYY-MM-DD') AS "renewalDate",
            a.churned, a.last_breach_at AS "lastBreachAt",
            (SELECT count(*) FROM ${qualified(model.schema, 'tickets')} t WHERE t.account_id = a.account_id AND t.is_open AND t.priority IN ('urgent', 'high'))::int AS "openUrgentOrHigh"
       FROM ${qualified(model.schema, 'accounts')} a
      WHERE a.risk_flagged OR (NOT a.churned AND a.renewal_date BETWEEN $1::date AND $1::date + $2::int)`,
    [today, windowDays],
  );
  return rows;
}
