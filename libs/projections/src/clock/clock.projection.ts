import type { PoolClient } from 'pg';
import { waitsOnTeam, type TicketStatus } from '@app/domain';
import type { RecordedEvent } from '@app/event-store';
import { applyFolded, BatchRows, handledBy, type BatchHandlers, type Instant } from '../batch-fold';
import { col, keysToLoad } from '../bulk';
import { qualified, type Projection } from '../projection';
import { TARGET_COLUMNS, TARGET_HANDLERS, TARGET_TABLE_COLUMNS, type TargetRow } from '../sla-targets';

/** An account as the at-risk rule and the strategic alert weigh it. */
interface AccountRow {
  account_id: string;
  tier: string;
  renewal_date: string | null;
  churned: boolean;
  risk_flagged: boolean;
  last_breach_at: Instant | null;
}

/** A ticket as the update-due and low-CSAT triggers watch it. */
interface TicketRow {
  ticket_id: string;
  account_id: string;
  status: string;
  priority: string;
  is_open: boolean;
  last_public_reply_by: 'agent' | 'customer' | null;
  waiting_since: Instant | null;
  update_due_flagged: boolean;
  csat: number | null;
  low_csat_flagged: boolean;
}

/** A target with the strategic alert its breach owes. */
type ClockTargetRow = TargetRow & { alert_pending: boolean };

/** One batch of the work list: the rows its events name, changed in memory, written once per table. */
class ClockBatch {
  readonly accounts: BatchRows<AccountRow>;
  readonly tickets: BatchRows<TicketRow>;
  readonly targets: BatchRows<ClockTargetRow>;
  readonly calendars: BatchRows<{ ticket_id: string; calendar: string }>;

  constructor(schema: string) {
    const t = (table: string) => qualified(schema, table);
    this.accounts = new BatchRows(
      t('accounts'),
      [
        col('account_id'),
        col('tier'),
        col('renewal_date', 'date'),
        col('churned', 'boolean'),
        col('risk_flagged', 'boolean'),
        col('last_breach_at', 'timestamptz'),
      ],
      ['account_id'],
      'account',
    );
    this.tickets = new BatchRows(
      t('tickets'),
      [
        col('ticket_id'),
        col('account_id'),
        col('status'),
        col('priority'),
        col('is_open', 'boolean'),
        col('last_public_reply_by'),
        col('waiting_since', 'timestamptz'),
        col('update_due_flagged', 'boolean'),
        col('csat', 'smallint'),
        col('low_csat_flagged', 'boolean'),
      ],
      ['ticket_id'],
      'ticket',
    );
    this.targets = new BatchRows(
      t('targets'),
      [...TARGET_COLUMNS, col('alert_pending', 'boolean')],
      ['ticket_id', 'instance'],
      'SLA target of ticket',
    );
    this.calendars = new BatchRows(
      t('ticket_calendars'),
      [col('ticket_id'), col('calendar', 'jsonb')],
      ['ticket_id'],
      'calendar',
    );
  }

  /** A ticket opened in this batch has no rows yet, nor targets. */
  async load(tx: PoolClient, events: RecordedEvent[]): Promise<void> {
    const named = (field: string) => (event: RecordedEvent) => (event.data as Record<string, unknown>)[field];
    const ticketIds = keysToLoad(events, named('ticketId'), 'TicketOpened');
    const accountEvents = events.filter((event) => ACCOUNT_ROW_CHANGES.has(event.type));
    await this.accounts.load(tx, 'account_id', keysToLoad(accountEvents, named('accountId'), 'AccountOnboarded'));
    await this.tickets.load(tx, 'ticket_id', ticketIds);
    await this.targets.load(tx, 'ticket_id', ticketIds);
  }

  async write(tx: PoolClient): Promise<void> {
    for (const rows of [this.accounts, this.tickets, this.targets, this.calendars]) await rows.write(tx);
  }
}

/** The same wait on the team the ticket decider follows: it starts at the event that made the ticket wait. */
function followWait(ticket: TicketRow, at: string): void {
  if (!waitsOnTeam(ticket.status as TicketStatus, ticket.last_public_reply_by)) ticket.waiting_since = null;
  else ticket.waiting_since ??= at;
}

/**
 * A breach owes a strategic alert when the account is strategic, and moves the account's last breach.
 * A breach on an account the work list does not know still counts for its ticket: the clock goes on.
 */
function recordBreach(
  batch: ClockBatch,
  { ticketId, instance, accountId, breachedAt }: Record<'ticketId' | 'instance' | 'accountId' | 'breachedAt', string>,
) {
  const account = batch.accounts.find(accountId);
  Object.assign(batch.targets.change(ticketId, instance), {
    breached: true,
    alert_pending: account?.tier === 'strategic',
  });
  if (account && (account.last_breach_at === null || new Date(account.last_breach_at) < new Date(breachedAt)))
    batch.accounts.change(accountId).last_breach_at = breachedAt;
}

const account = (batch: ClockBatch, accountId: string, to: Partial<AccountRow>) =>
  void Object.assign(batch.accounts.change(accountId), to);
const ticket = (batch: ClockBatch, ticketId: string, to: Partial<TicketRow>) =>
  void Object.assign(batch.tickets.change(ticketId), to);

const HANDLERS: BatchHandlers<ClockBatch> = {
  AccountOnboarded: (batch, { accountId, tier, renewalDate }) =>
    batch.accounts.put({
      account_id: accountId,
      tier,
      renewal_date: renewalDate,
      churned: false,
      risk_flagged: false,
      last_breach_at: null,
    }),
  AccountTierChanged: (batch, { accountId, to }) => account(batch, accountId, { tier: to }),
  AccountChurned: (batch, { accountId }) => account(batch, accountId, { churned: true }),
  AccountFlaggedAtRisk: (batch, { accountId }) => account(batch, accountId, { risk_flagged: true }),
  AccountRiskCleared: (batch, { accountId }) => account(batch, accountId, { risk_flagged: false }),
  ContractRenewed: (batch, { accountId, renewalDate }) => account(batch, accountId, { renewal_date: renewalDate }),
  TicketOpened: (batch, { ticketId, accountId, priority, openedAt }) =>
    batch.tickets.put({
      ticket_id: ticketId,
      account_id: accountId,
      status: 'new',
      priority,
      is_open: true,
      last_public_reply_by: null,
      waiting_since: openedAt,
      update_due_flagged: false,
      csat: null,
      low_csat_flagged: false,
    }),
  TicketStatusChanged: (batch, { ticketId, to, at }) => {
    ticket(batch, ticketId, { status: to, is_open: to !== 'solved' && to !== 'closed' });
    followWait(batch.tickets.get(ticketId), at);
  },
  ReplyAdded: (batch, { ticketId, public: isPublic, author, at }) => {
    if (isPublic) ticket(batch, ticketId, { last_public_reply_by: author.kind });
    followWait(batch.tickets.change(ticketId), at);
  },
  TicketPriorityChanged: (batch, { ticketId, to }) => ticket(batch, ticketId, { priority: to }),
  CsatRated: (batch, { ticketId, score }) => ticket(batch, ticketId, { csat: score }),
  TicketUpdateDue: (batch, { ticketId }) => ticket(batch, ticketId, { update_due_flagged: true }),
  TicketUpdateDueCleared: (batch, { ticketId }) => ticket(batch, ticketId, { update_due_flagged: false }),
  LowCsatFlagged: (batch, { ticketId }) => ticket(batch, ticketId, { low_csat_flagged: true }),
  LowCsatCleared: (batch, { ticketId }) => ticket(batch, ticketId, { low_csat_flagged: false }),
  SlaApplied: (batch, { ticketId, calendar }) =>
    void (calendar && batch.calendars.put({ ticket_id: ticketId, calendar: JSON.stringify(calendar) })),
  ...TARGET_HANDLERS,
  SlaTargetStarted: (batch, data) => {
    TARGET_HANDLERS.SlaTargetStarted(batch, data);
    batch.targets.change(data.ticketId, data.instance).alert_pending = false;
  },
  SlaTargetBreached: recordBreach,
  StrategicBreachAlerted: (batch, { ticketId, instance }) =>
    void (batch.targets.change(ticketId, instance).alert_pending = false),
};

/** The events that change an account's row: a batch loads the accounts they name. */
const ACCOUNT_ROW_CHANGES = new Set([
  'AccountTierChanged',
  'AccountChurned',
  'AccountFlaggedAtRisk',
  'AccountRiskCleared',
  'ContractRenewed',
  'SlaTargetBreached',
]);

/**
 * The SLA clock's and the triggers' work list (docs/design.md §6): running targets by the instants
 * they come due and at risk, with what the clock recorded of them; tickets waiting on the team, CSAT
 * ratings and their flags, each ticket's business calendar; accounts with the facts the at-risk rule
 * weighs. Its queries (`clock.queries.ts`) are read by `libs/sla-clock` only.
 */
export const clockProjection: Projection = {
  name: 'clock',
  handles: handledBy(HANDLERS),
  metadataOf: new Set(),
  personalDataOf: new Set(),

  setup(schema) {
    const t = (table: string) => qualified(schema, table);
    return `
      CREATE TABLE ${t('accounts')} (
        account_id text PRIMARY KEY, tier text NOT NULL, renewal_date date, churned boolean NOT NULL DEFAULT false,
        risk_flagged boolean NOT NULL DEFAULT false, last_breach_at timestamptz);
      CREATE TABLE ${t('tickets')} (
        ticket_id text PRIMARY KEY, account_id text NOT NULL, status text NOT NULL, priority text NOT NULL, is_open boolean NOT NULL,
        last_public_reply_by text, waiting_since timestamptz, update_due_flagged boolean NOT NULL DEFAULT false,
        csat smallint, low_csat_flagged boolean NOT NULL DEFAULT false);
      CREATE INDEX ON ${t('tickets')} (account_id) WHERE is_open;
      CREATE INDEX ON ${t('tickets')} (waiting_since) WHERE waiting_since IS NOT NULL AND NOT update_due_flagged;
      CREATE INDEX ON ${t('tickets')} (csat) WHERE csat IS NOT NULL AND NOT low_csat_flagged;
      CREATE INDEX ON ${t('tickets')} (ticket_id) WHERE low_csat_flagged;
      CREATE TABLE ${t('ticket_calendars')} (ticket_id text PRIMARY KEY, calendar jsonb NOT NULL);
      CREATE TABLE ${t('targets')} (${TARGET_TABLE_COLUMNS}, alert_pending boolean NOT NULL DEFAULT false, PRIMARY KEY (ticket_id, instance));
      CREATE INDEX clock_at_risk ON ${t('targets')} (at_risk_at) WHERE status = 'running' AND NOT at_risk_recorded AND NOT breached;
      CREATE INDEX clock_breach ON ${t('targets')} (due_at) WHERE status = 'running' AND NOT breached;
      CREATE INDEX ON ${t('targets')} (ticket_id) WHERE alert_pending;`;
  },

  apply: applyFolded((schema) => new ClockBatch(schema), HANDLERS),
};
