import type { PoolClient } from 'pg';
import type { RecordedEvent } from '@app/event-store';
import { bulkUpsert, keysToLoad, type Column } from '../bulk';
import { applyEach, qualified, supportEventOf, type Projection } from '../projection';

type Row = Record<string, unknown>;

const col = (name: string, type = 'text'): Column => ({ name, type });
const ACCOUNT_COLUMNS = [col('account_id'), col('tier')];
const TICKET_COLUMNS = [
  col('ticket_id'),
  col('account_id'),
  col('tier'),
  col('policy_id'),
  col('priority'),
  col('opened_at', 'timestamptz'),
  col('is_open', 'boolean'),
  col('csat_score', 'smallint'),
  col('csat_at', 'timestamptz'),
];
const TARGET_COLUMNS = [
  col('ticket_id'),
  col('instance'),
  col('metric'),
  col('account_id'),
  col('tier'),
  col('policy_id'),
  col('status'),
  col('outcome'),
  col('started_at', 'timestamptz'),
  col('ended_at', 'timestamptz'),
  col('business_minutes', 'double precision'),
  col('breached_at', 'timestamptz'),
];
const ESCALATION_COLUMNS = [
  col('position', 'bigint'),
  col('ticket_id'),
  col('account_id'),
  col('tier'),
  col('at', 'timestamptz'),
];

/**
 * SLA and support metrics (docs/design.md §4–5): one row per ticket (tier and policy as at open, CSAT) and
 * per SLA target instance (its outcome when it ended, business minutes, breach instant), plus
 * escalations. Compliance, percentiles, breaches, volume and CSAT for any period and grouping are
 * aggregates over these rows at query time. A target resumed on reopen is one instance: its row
 * carries its latest ending, so it is never counted twice.
 */
export const slaProjection: Projection = {
  name: 'sla',
  handles: new Set([
    'AccountOnboarded',
    'AccountTierChanged',
    'TicketOpened',
    'SlaApplied',
    'TicketStatusChanged',
    'TicketPriorityChanged',
    'TicketEscalated',
    'CsatRated',
    'SlaTargetStarted',
    'SlaTargetPaused',
    'SlaTargetResumed',
    'SlaTargetBreached',
    'SlaTargetEnded',
  ]),
  metadataOf: new Set(),

  setup(schema) {
    const t = (table: string) => qualified(schema, table);
    return `
      CREATE TABLE ${t('accounts')} (account_id text PRIMARY KEY, tier text NOT NULL);
      CREATE TABLE ${t('tickets')} (
        ticket_id text PRIMARY KEY, account_id text NOT NULL, tier text NOT NULL, policy_id text, priority text NOT NULL,
        opened_at timestamptz NOT NULL, is_open boolean NOT NULL, csat_score smallint, csat_at timestamptz);
      CREATE INDEX ON ${t('tickets')} (opened_at);
      CREATE INDEX ON ${t('tickets')} (account_id, opened_at);
      CREATE TABLE ${t('targets')} (
        ticket_id text NOT NULL, instance text NOT NULL, metric text NOT NULL, account_id text NOT NULL, tier text NOT NULL, policy_id text,
        status text NOT NULL, outcome text, started_at timestamptz NOT NULL, ended_at timestamptz, business_minutes double precision, breached_at timestamptz,
        PRIMARY KEY (ticket_id, instance));
      CREATE INDEX ON ${t('targets')} (ended_at);
      CREATE INDEX ON ${t('targets')} (account_id, ended_at);
      CREATE TABLE ${t('escalations')} (position bigint PRIMARY KEY, ticket_id text NOT NULL, account_id text NOT NULL, tier text NOT NULL, at timestamptz NOT NULL);
      CREATE INDEX ON ${t('escalations')} (account_id, at);`;
  },

  async apply(tx: PoolClient, schema: string, events: RecordedEvent[]) {
    const t = (table: string) => qualified(schema, table);
    // A ticket opened in this batch has no rows yet, nor targets.
    const accountIds = keysToLoad(
      events,
      (event) => (event.data as { accountId?: string }).accountId,
      'AccountOnboarded',
    );
    const ticketIds = keysToLoad(events, (event) => (event.data as { ticketId?: string }).ticketId, 'TicketOpened');
    const load = async (table: string, key: string, ids: string[], keyOf: (row: Row) => string) =>
      new Map(
        (await tx.query<Row>(`SELECT * FROM ${t(table)} WHERE ${key} = ANY ($1)`, [ids])).rows.map((row) => [
          keyOf(row),
          row,
        ]),
      );
    const accounts = await load('accounts', 'account_id', accountIds, (row) => row.account_id as string);
    const tickets = await load('tickets', 'ticket_id', ticketIds, (row) => row.ticket_id as string);
    const targets = await load('targets', 'ticket_id', ticketIds, (row) => `${row.ticket_id}|${row.instance}`);
    const changed = { accounts: new Set<string>(), tickets: new Set<string>(), targets: new Set<string>() };
    const escalations: Row[] = [];

    const ticketOf = (ticketId: string) => {
      const ticket = tickets.get(ticketId);
      if (!ticket) throw new Error(`ticket ${ticketId} is unknown to the SLA metrics`);
      return ticket;
    };
    const changedTicket = (ticketId: string) => {
      changed.tickets.add(ticketId);
      return ticketOf(ticketId);
    };
    const targetOf = ({ ticketId, instance }: { ticketId: string; instance: string }) => {
      ticketOf(ticketId);
      const target = targets.get(`${ticketId}|${instance}`);
      if (!target) throw new Error(`SLA target ${instance} of ticket ${ticketId} is unknown to the SLA metrics`);
      changed.targets.add(`${ticketId}|${instance}`);
      return target;
    };

    await applyEach(events, async (recorded) => {
      const event = supportEventOf(recorded);
      switch (event.type) {
        case 'AccountOnboarded':
        case 'AccountTierChanged': {
          const { accountId } = event.data;
          accounts.set(accountId, {
            account_id: accountId,
            tier: event.type === 'AccountOnboarded' ? event.data.tier : event.data.to,
          });
          changed.accounts.add(accountId);
          return;
        }
        case 'TicketOpened': {
          const { ticketId, accountId, priority, openedAt } = event.data;
          const account = accounts.get(accountId);
          if (!account) throw new Error(`account ${accountId} is unknown to the SLA metrics`);
          tickets.set(ticketId, {
            ticket_id: ticketId,
            account_id: accountId,
            tier: account.tier,
            policy_id: null,
            priority,
            opened_at: openedAt,
            is_open: true,
            csat_score: null,
            csat_at: null,
          });
          changed.tickets.add(ticketId);
          return;
        }
        case 'SlaApplied':
          changedTicket(event.data.ticketId).policy_id = event.data.policyId;
          return;
        case 'TicketStatusChanged':
          changedTicket(event.data.ticketId).is_open = event.data.to !== 'solved' && event.data.to !== 'closed';
          return;
        case 'TicketPriorityChanged':
          changedTicket(event.data.ticketId).priority = event.data.to;
          return;
        case 'CsatRated':
          Object.assign(changedTicket(event.data.ticketId), { csat_score: event.data.score, csat_at: event.data.at });
          return;
        case 'TicketEscalated': {
          const { ticketId, accountId, at } = event.data;
          const { tier } = ticketOf(ticketId);
          escalations.push({
            position: recorded.position.toString(),
            ticket_id: ticketId,
            account_id: accountId,
            tier,
            at,
          });
          return;
        }
        case 'SlaTargetStarted': {
          const { ticketId, instance, metric, accountId, startedAt } = event.data;
          const ticket = ticketOf(ticketId);
          targets.set(`${ticketId}|${instance}`, {
            ticket_id: ticketId,
            instance,
            metric,
            account_id: accountId,
            tier: ticket.tier,
            policy_id: ticket.policy_id,
            status: 'running',
            outcome: null,
            started_at: startedAt,
            ended_at: null,
            business_minutes: null,
            breached_at: null,
          });
          changed.targets.add(`${ticketId}|${instance}`);
          return;
        }
        case 'SlaTargetPaused':
          targetOf(event.data).status = 'paused';
          return;
        case 'SlaTargetResumed':
          Object.assign(targetOf(event.data), { status: 'running', outcome: null, ended_at: null });
          return;
        case 'SlaTargetBreached':
          targetOf(event.data).breached_at = event.data.breachedAt;
          return;
        case 'SlaTargetEnded': {
          const { outcome, endedAt, businessMinutes } = event.data;
          Object.assign(targetOf(event.data), {
            status: 'ended',
            outcome,
            ended_at: endedAt,
            business_minutes: businessMinutes,
          });
          return;
        }
      }
    });

    await bulkUpsert(
      tx,
      t('accounts'),
      ACCOUNT_COLUMNS,
      ['account_id'],
      [...changed.accounts].map((id) => accounts.get(id) as Row),
    );
    await bulkUpsert(
      tx,
      t('tickets'),
      TICKET_COLUMNS,
      ['ticket_id'],
      [...changed.tickets].map((id) => tickets.get(id) as Row),
    );
    await bulkUpsert(
      tx,
      t('targets'),
      TARGET_COLUMNS,
      ['ticket_id', 'instance'],
      [...changed.targets].map((key) => targets.get(key) as Row),
    );
    await bulkUpsert(tx, t('escalations'), ESCALATION_COLUMNS, ['position'], escalations);
  },
};
