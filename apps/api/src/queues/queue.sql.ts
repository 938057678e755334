import type { SlaState } from './queue-filter.request';

const STATE_CONDITIONS: Record<SlaState, string> = {
  breached: `(t.breached OR coalesce(t.next_due_at, 'infinity') <= $2)`,
  // Nothing runs on a paused ticket, so it sits at the end of the due order.
  paused: `t.paused AND NOT t.breached AND coalesce(t.next_due_at, 'infinity') = 'infinity'`,
  at_risk: `NOT t.breached AND NOT t.paused AND coalesce(t.next_due_at, 'infinity') > $2 AND t.next_at_risk_at <= $2`,
  on_track: `NOT t.breached AND NOT t.paused AND coalesce(t.next_due_at, 'infinity') > $2 AND coalesce(t.next_at_risk_at, 'infinity') > $2`,
};

/** A ticket's (`t`) SLA state at the instant `now` (a parameter). */
const SLA_STATE_AT = (now: string) => `CASE WHEN t.breached OR t.next_due_at <= ${now} THEN 'breached'
                WHEN t.paused THEN 'paused'
                WHEN t.next_at_risk_at <= ${now} THEN 'at_risk'
                ELSE 'on_track' END`;

/**
 * Few tickets of a long queue are at risk, and they are spread over its due order: they are read
 * from two small partial indexes instead, the tickets the SLA clock recorded at risk and those whose
 * at-risk instant passed before it recorded them.
 */
const atRiskTickets = (tickets: string) => `(
  SELECT * FROM ${tickets} WHERE is_open AND at_risk_recorded AND NOT breached
  UNION ALL
  SELECT * FROM ${tickets} WHERE is_open AND NOT at_risk_recorded AND NOT breached AND next_at_risk_at <= $2)`;

/**
 * The open tickets of a group with their SLA state at `$2` (the query's now); filters `$3`–`$5`
 * (assignee, priority, tier) and the state, which shapes the statement.
 */
export function queueRows(tickets: string, accounts: string, state: SlaState | undefined): string {
  return `
    SELECT t.ticket_id, t.account_id, t.subject, t.status, t.priority, t.priority_rank, t.assignee, t.opened_at, t.next_due_at,
           a.tier, a.arr_minor, a.currency, coalesce(t.next_due_at, 'infinity') AS due_key, ${SLA_STATE_AT('$2')} AS sla_state
      FROM ${state === 'at_risk' ? atRiskTickets(tickets) : tickets} t LEFT JOIN ${accounts} a USING (account_id)
     WHERE t.is_open AND t.group_name = $1
       AND ($3::text IS NULL OR t.assignee = $3) AND ($4::text IS NULL OR t.priority = $4) AND ($5::text IS NULL OR a.tier = $5)
       AND ${state ? STATE_CONDITIONS[state] : 'true'}`;
}

/** A page of a queue in its order (due, priority, age, id), after the keyset cursor `$6`–`$9`, `$10` rows. */
export function queuePage(tickets: string, accounts: string, state: SlaState | undefined): string {
  return `SELECT * FROM (${queueRows(tickets, accounts, state)}
                 AND ($6::timestamptz IS NULL OR (coalesce(t.next_due_at, 'infinity'), t.priority_rank, t.opened_at, t.ticket_id) > ($6::timestamptz, $7::int, $8::timestamptz, $9::text))
               ORDER BY coalesce(t.next_due_at, 'infinity'), t.priority_rank, t.opened_at, t.ticket_id) q
        LIMIT $10`;
}

/** Every group with open tickets and how many are in each SLA state at `$1`, by group name. */
export function queueStateCounts(tickets: string): string {
  return `SELECT t.group_name, ${SLA_STATE_AT('$1')} AS sla_state, count(*) AS n
            FROM ${tickets} t WHERE t.is_open GROUP BY 1, 2 ORDER BY 1`;
}
