import type { PoolClient } from 'pg';
import type { RecordedEvent } from '@app/event-store';
import { applyFolded, BatchRows, handledBy, type BatchHandlers, type Instant } from '../batch-fold';
import { col, keysToLoad } from '../bulk';
import { qualified, type Projection } from '../projection';

interface AccountRow {
  account_id: string;
  tier: string;
}

/** A ticket with its tier and policy as at open, and its CSAT. */
interface TicketRow {
  ticket_id: string;
  account_id: string;
  tier: string;
  policy_id: string | null;
  priority: string;
  opened_at: Instant;
  is_open: boolean;
  csat_score: number | null;
  csat_at: Instant | null;
}

/** A target instance with its latest ending. */
interface TargetRow {
  ticket_id: string;
  instance: string;
  metric: string;
  account_id: string;
  tier: string;
  policy_id: string | null;
  status: 'running' | 'paused' | 'ended';
  outcome: string | null;
  started_at: Instant;
  ended_at: Instant | null;
  business_minutes: number | null;
  breached_at: Instant | null;
}

interface EscalationRow {
  position: string;
  ticket_id: string;
  account_id: string;
  tier: string;
  at: Instant;
}

/** One batch of the SLA read model: the rows its events name, changed in memory, written once. */
class SlaBatch {
  readonly accounts: BatchRows<AccountRow>;
  readonly tickets: BatchRows<TicketRow>;
  readonly targets: BatchRows<TargetRow>;
  readonly escalations: BatchRows<EscalationRow>;

  constructor(schema: string) {
    const t = (table: string) => qualified(schema, table);
    this.accounts = new BatchRows(t('accounts'), [col('account_id'), col('tier')], ['account_id'], 'account');
    this.tickets = new BatchRows(
      t('tickets'),
      [
        col('ticket_id'),
        col('account_id'),
        col('tier'),
        col('policy_id'),
        col('priority'),
        col('opened_at', 'timestamptz'),
        col('is_open', 'boolean'),
        col('csat_score', 'smallint'),
        col('csat_at', 'timestamptz'),
      ],
      ['ticket_id'],
      'ticket',
    );
    this.targets = new BatchRows(
      t('targets'),
      [
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
      ],
      ['ticket_id', 'instance'],
      'SLA target of ticket',
    );
    this.escalations = new BatchRows(
      t('escalations'),
      [col('position', 'bigint'), col('ticket_id'), col('account_id'), col('tier'), col('at', 'timestamptz')],
      ['position'],
      'escalation',
    );
  }

  /** A ticket or account opened in this batch has no rows yet, nor targets. */
  async load(tx: PoolClient, events: RecordedEvent[]): Promise<void> {
    const named = (field: string) => (event: RecordedEvent) => (event.data as Record<string, unknown>)[field];
    const ticketIds = keysToLoad(events, named('ticketId'), 'TicketOpened');
    await this.accounts.load(tx, 'account_id', keysToLoad(events, named('accountId'), 'AccountOnboarded'));
    await this.tickets.load(tx, 'ticket_id', ticketIds);
    await this.targets.load(tx, 'ticket_id', ticketIds);
  }

  async write(tx: PoolClient): Promise<void> {
    for (const rows of [this.accounts, this.tickets, this.targets, this.escalations]) await rows.write(tx);
  }
}

const HANDLERS: BatchHandlers<SlaBatch> = {
  AccountOnboarded: (batch, { accountId, tier }) => batch.accounts.put({ account_id: accountId, tier }),
  AccountTierChanged: (batch, { accountId, to }) => batch.accounts.put({ account_id: accountId, tier: to }),
  TicketOpened: (batch, { ticketId, accountId, priority, openedAt }) =>
    batch.tickets.put({
      ticket_id: ticketId,
      account_id: accountId,
      tier: batch.accounts.get(accountId).tier,
      policy_id: null,
      priority,
      opened_at: openedAt,
      is_open: true,
      csat_score: null,
      csat_at: null,
    }),
  SlaApplied: (batch, { ticketId, policyId }) => void (batch.tickets.change(ticketId).policy_id = policyId),
  TicketStatusChanged: (batch, { ticketId, to }) =>
    void (batch.tickets.change(ticketId).is_open = to !== 'solved' && to !== 'closed'),
  TicketPriorityChanged: (batch, { ticketId, to }) => void (batch.tickets.change(ticketId).priority = to),
  CsatRated: (batch, { ticketId, score, at }) =>
    void Object.assign(batch.tickets.change(ticketId), { csat_score: score, csat_at: at }),
  TicketEscalated: (batch, { ticketId, accountId, at }, recorded) =>
    batch.escalations.put({
      position: recorded.position.toString(),
      ticket_id: ticketId,
      account_id: accountId,
      tier: batch.tickets.get(ticketId).tier,
      at,
    }),
  SlaTargetStarted: (batch, { ticketId, instance, metric, accountId, startedAt }) => {
    const ticket = batch.tickets.get(ticketId);
    batch.targets.put({
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
  },
  SlaTargetPaused: (batch, { ticketId, instance }) => void (batch.targets.change(ticketId, instance).status = 'paused'),
  SlaTargetResumed: (batch, { ticketId, instance }) =>
    void Object.assign(batch.targets.change(ticketId, instance), { status: 'running', outcome: null, ended_at: null }),
  SlaTargetBreached: (batch, { ticketId, instance, breachedAt }) =>
    void (batch.targets.change(ticketId, instance).breached_at = breachedAt),
  SlaTargetEnded: (batch, { ticketId, instance, outcome, endedAt, businessMinutes }) =>
    void Object.assign(batch.targets.change(ticketId, instance), {
      status: 'ended',
      outcome,
      ended_at: endedAt,
      business_minutes: businessMinutes,
    }),
};

/**
 * SLA and support metrics (docs/design.md §4–5): one row per ticket (tier and policy as at open, CSAT) and
 * per SLA target instance (its outcome when it ended, business minutes, breach instant), plus
 * escalations. Compliance, percentiles, breaches, volume and CSAT for any period and grouping are
 * aggregates over these rows at query time. A target resumed on reopen is one instance: its row
 * carries its latest ending, so it is never counted twice.
 */
export const slaProjection: Projection = {
  name: 'sla',
  handles: handledBy(HANDLERS),
  metadataOf: new Set(),
  personalDataOf: new Set(),

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

  apply: applyFolded((schema) => new SlaBatch(schema), HANDLERS),
};
