import type { PoolClient } from 'pg';
import type { RecordedEvent } from '@app/event-store';
import { bulkUpsert, keysToLoad, type Column } from '../bulk';
import { applyEach, qualified, type Projection } from '../projection';

type Row = Record<string, unknown>;
type Data = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const col = (name: string, type = 'text'): Column => ({ name, type });
const ACCOUNT_COLUMNS = [col('account_id'), col('tier')];
const TICKET_COLUMNS = [col('ticket_id'), col('account_id'), col('tier'), col('policy_id'), col('priority'), col('opened_at', 'timestamptz'), col('is_open', 'boolean'), col('csat_score', 'smallint'), col('csat_at', 'timestamptz')];
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
const ESCALATION_COLUMNS = [col('position', 'bigint'), col('ticket_id'), col('account_id'), col('tier'), col('at', 'timestamptz')];

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
    const accountIds = keysToLoad(events, (event) => (event.data as Data).accountId, 'AccountOnboarded');
    const ticketIds = keysToLoad(events, (event) => (event.data as Data).ticketId, 'TicketOpened');
    const load = async (table: string, key: string, ids: string[], keyOf: (row: Row) => string) =>
      new Map((await tx.query<Row>(`SELECT * FROM ${t(table)} WHERE ${key} = ANY ($1)`, [ids])).rows.map((row) => [keyOf(row), row]));
    const accounts = await load('accounts', 'account_id', accountIds, (row) => row.account_id as string);
    const tickets = await load('tickets', 'ticket_id', ticketIds, (row) => row.ticket_id as string);
    const targets = await load('targets', 'ticket_id', ticketIds, (row) => `${row.ticket_id}|${row.instance}`);
    const changed = { accounts: new Set<string>(), tickets: new Set<string>(), targets: new Set<string>() };
    const escalations: Row[] = [];

    await applyEach(events, async (event) => {
      const d = event.data as Data;
      if (event.type === 'AccountOnboarded' || event.type === 'AccountTierChanged') {
        accounts.set(d.accountId, { account_id: d.accountId, tier: event.type === 'AccountOnboarded' ? d.tier : d.to });
        changed.accounts.add(d.accountId);
        return;
      }
      if (event.type === 'TicketOpened') {
        const account = accounts.get(d.accountId);
        if (!account) throw new Error(`account ${d.accountId} is unknown to the SLA metrics`);
        tickets.set(d.ticketId, { ticket_id: d.ticketId, account_id: d.accountId, tier: account.tier, policy_id: null, priority: d.priority, opened_at: d.openedAt, is_open: true, csat_score: null, csat_at: null });
        changed.tickets.add(d.ticketId);
        return;
      }
      const ticket = tickets.get(d.ticketId);
      if (!ticket) throw new Error(`ticket ${d.ticketId} is unknown to the SLA metrics`);
      const target = targets.get(`${d.ticketId}|${d.instance}`);
      switch (event.type) {
        case 'SlaApplied':
          ticket.policy_id = d.policyId;
          break;
        case 'TicketStatusChanged':
          ticket.is_open = d.to !== 'solved' && d.to !== 'closed';
          break;
        case 'TicketPriorityChanged':
          ticket.priority = d.to;
          break;
        case 'CsatRated':
          Object.assign(ticket, { csat_score: d.score, csat_at: d.at });
          break;
        case 'TicketEscalated':
          escalations.push({ position: event.position.toString(), ticket_id: d.ticketId, account_id: d.accountId, tier: ticket.tier, at: d.at });
          return;
        case 'SlaTargetStarted': {
          const row = { ticket_id: d.ticketId, instance: d.instance, metric: d.metric, account_id: d.accountId, tier: ticket.tier, policy_id: ticket.policy_id, status: 'running', outcome: null, started_at: d.startedAt, ended_at: null, business_minutes: null, breached_at: null };
          targets.set(`${d.ticketId}|${d.instance}`, row);
          changed.targets.add(`${d.ticketId}|${d.instance}`);
          return;
        }
        default: {
          if (!target) throw new Error(`SLA target ${d.instance} of ticket ${d.ticketId} is unknown to the SLA metrics`);
          if (event.type === 'SlaTargetPaused') target.status = 'paused';
          if (event.type === 'SlaTargetResumed') Object.assign(target, { status: 'running', outcome: null, ended_at: null });
          if (event.type === 'SlaTargetBreached') target.breached_at = d.breachedAt;
          if (event.type === 'SlaTargetEnded') Object.assign(target, { status: 'ended', outcome: d.outcome, ended_at: d.endedAt, business_minutes: d.businessMinutes });
          changed.targets.add(`${d.ticketId}|${d.instance}`);
          return;
        }
      }
      changed.tickets.add(d.ticketId);
    });

    await bulkUpsert(tx, t('accounts'), ACCOUNT_COLUMNS, ['account_id'], [...changed.accounts].map((id) => accounts.get(id) as Row));
    await bulkUpsert(tx, t('tickets'), TICKET_COLUMNS, ['ticket_id'], [...changed.tickets].map((id) => tickets.get(id) as Row));
    await bulkUpsert(tx, t('targets'), TARGET_COLUMNS, ['ticket_id', 'instance'], [...changed.targets].map((key) => targets.get(key) as Row));
    await bulkUpsert(tx, t('escalations'), ESCALATION_COLUMNS, ['position'], escalations);
  },
};
