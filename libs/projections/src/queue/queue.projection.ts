import type { PoolClient } from 'pg';
import type { RecordedEvent } from '@app/event-store';
import { applyEach, qualified, type Projection } from '../projection';

export const PRIORITY_RANK: Record<string, number> = { urgent: 0, high: 1, normal: 2, low: 3 };

/**
 * Queues (DESIGN §5): open tickets per group with their next SLA due time. The SLA state
 * (on_track, at_risk, breached, paused) depends on the time of the query, so the projection stores
 * the instants and the query compares them with now.
 */
export const queueProjection: Projection = {
  name: 'queue',
  handles: new Set([
    'AccountOnboarded',
    'AccountTierChanged',
    'ContractRenewed',
    'ContractExpanded',
    'ContractContracted',
    'TicketOpened',
    'TicketAssigned',
    'TicketStatusChanged',
    'TicketPriorityChanged',
    'SlaTargetStarted',
    'SlaTargetPaused',
    'SlaTargetResumed',
    'SlaTargetRescheduled',
    'SlaTargetBreached',
    'SlaTargetEnded',
  ]),

  setup(schema) {
    const t = (table: string) => qualified(schema, table);
    return `
      CREATE TABLE ${t('accounts')} (account_id text PRIMARY KEY, tier text NOT NULL, arr_minor bigint NOT NULL, currency text NOT NULL);
      CREATE TABLE ${t('tickets')} (
        ticket_id text PRIMARY KEY,
        account_id text NOT NULL,
        subject text NOT NULL,
        status text NOT NULL,
        priority text NOT NULL,
        priority_rank smallint NOT NULL,
        group_name text NOT NULL DEFAULT 'unassigned',
        assignee text,
        opened_at timestamptz NOT NULL,
        is_open boolean NOT NULL DEFAULT true,
        next_due_at timestamptz,
        next_at_risk_at timestamptz,
        breached boolean NOT NULL DEFAULT false,
        paused boolean NOT NULL DEFAULT false);
      CREATE INDEX ON ${t('tickets')} (group_name, (coalesce(next_due_at, 'infinity')), priority_rank, opened_at, ticket_id) WHERE is_open;
      CREATE TABLE ${t('targets')} (
        ticket_id text NOT NULL,
        instance text NOT NULL,
        status text NOT NULL,
        due_at timestamptz,
        at_risk_at timestamptz,
        breached boolean NOT NULL DEFAULT false,
        PRIMARY KEY (ticket_id, instance));`;
  },

  async apply(tx: PoolClient, schema: string, events: RecordedEvent[]) {
    const t = (table: string) => qualified(schema, table);
    const touched = new Set<string>();
    await applyEach(events, async (event) => {
      const d = event.data as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
      switch (event.type) {
        case 'AccountOnboarded':
          await tx.query(`INSERT INTO ${t('accounts')} VALUES ($1, $2, $3, $4) ON CONFLICT (account_id) DO NOTHING`, [d.accountId, d.tier, d.arr.amountMinor, d.arr.currency]);
          return;
        case 'AccountTierChanged':
          await tx.query(`UPDATE ${t('accounts')} SET tier = $2 WHERE account_id = $1`, [d.accountId, d.to]);
          return;
        case 'ContractRenewed':
        case 'ContractExpanded':
        case 'ContractContracted':
          await tx.query(`UPDATE ${t('accounts')} SET arr_minor = $2 WHERE account_id = $1`, [d.accountId, d.arr.amountMinor]);
          return;
        case 'TicketOpened':
          await tx.query(`INSERT INTO ${t('tickets')} (ticket_id, account_id, subject, status, priority, priority_rank, opened_at) VALUES ($1, $2, $3, 'new', $4, $5, $6)`, [
            d.ticketId,
            d.accountId,
            d.subject,
            d.priority,
            PRIORITY_RANK[d.priority],
            d.openedAt,
          ]);
          return;
        case 'TicketAssigned':
          await tx.query(`UPDATE ${t('tickets')} SET group_name = $2, assignee = $3 WHERE ticket_id = $1`, [d.ticketId, d.group, d.agentId]);
          return;
        case 'TicketStatusChanged':
          await tx.query(`UPDATE ${t('tickets')} SET status = $2, is_open = $2 NOT IN ('solved', 'closed') WHERE ticket_id = $1`, [d.ticketId, d.to]);
          return;
        case 'TicketPriorityChanged':
          await tx.query(`UPDATE ${t('tickets')} SET priority = $2, priority_rank = $3 WHERE ticket_id = $1`, [d.ticketId, d.to, PRIORITY_RANK[d.to]]);
          return;
        case 'SlaTargetStarted':
          await tx.query(`INSERT INTO ${t('targets')} (ticket_id, instance, status, due_at, at_risk_at) VALUES ($1, $2, 'running', $3, $4)`, [d.ticketId, d.instance, d.dueAt, d.atRiskAt]);
          break;
        case 'SlaTargetPaused':
          await tx.query(`UPDATE ${t('targets')} SET status = 'paused', due_at = NULL, at_risk_at = NULL WHERE ticket_id = $1 AND instance = $2`, [d.ticketId, d.instance]);
          break;
        case 'SlaTargetResumed':
          await tx.query(`UPDATE ${t('targets')} SET status = 'running', due_at = $3, at_risk_at = $4 WHERE ticket_id = $1 AND instance = $2`, [d.ticketId, d.instance, d.dueAt, d.atRiskAt]);
          break;
        case 'SlaTargetRescheduled':
          await tx.query(`UPDATE ${t('targets')} SET due_at = $3, at_risk_at = $4 WHERE ticket_id = $1 AND instance = $2`, [d.ticketId, d.instance, d.dueAt, d.atRiskAt]);
          break;
        case 'SlaTargetBreached':
          await tx.query(`UPDATE ${t('targets')} SET breached = true WHERE ticket_id = $1 AND instance = $2`, [d.ticketId, d.instance]);
          break;
        case 'SlaTargetEnded':
          await tx.query(`UPDATE ${t('targets')} SET status = 'ended', due_at = NULL, at_risk_at = NULL WHERE ticket_id = $1 AND instance = $2`, [d.ticketId, d.instance]);
          break;
      }
      touched.add(d.ticketId);
    });
    if (touched.size === 0) return;
    // Once per ticket and batch: the earliest running target is the ticket's next due.
    await tx.query(
      `UPDATE ${t('tickets')} t
          SET next_due_at = s.due, next_at_risk_at = s.at_risk, breached = s.breached, paused = s.paused
         FROM (SELECT ticket_id,
                      min(due_at) FILTER (WHERE status = 'running') AS due,
                      min(at_risk_at) FILTER (WHERE status = 'running') AS at_risk,
                      coalesce(bool_or(breached) FILTER (WHERE status = 'running'), false) AS breached,
                      coalesce(bool_or(status = 'paused'), false) AND NOT coalesce(bool_or(status = 'running'), false) AS paused
                 FROM ${t('targets')} WHERE ticket_id = ANY ($1) GROUP BY ticket_id) s
        WHERE t.ticket_id = s.ticket_id`,
      [[...touched]],
    );
  },
};
