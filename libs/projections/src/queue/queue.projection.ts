import type { PoolClient } from 'pg';
import { ERASED } from '@app/domain';
import type { RecordedEvent } from '@app/event-store';
import { applyFolded, BatchRows, handledBy, type BatchHandlers, type Instant } from '../batch-fold';
import { col, keysToLoad } from '../bulk';
import { qualified, type Projection } from '../projection';
import { TARGET_COLUMNS, TARGET_HANDLERS, TARGET_TABLE_COLUMNS, type TargetRow } from '../sla-targets';

export const PRIORITY_RANK: Record<string, number> = { urgent: 0, high: 1, normal: 2, low: 3 };

interface AccountRow {
  account_id: string;
  tier: string;
  arr_minor: number;
  currency: string;
}

interface TicketRow {
  ticket_id: string;
  account_id: string;
  /** Who opened it: the subject of `subject`'s personal data. Null on rows written before erasure existed. */
  contact_id: string | null;
  subject: string;
  status: string;
  priority: string;
  priority_rank: number;
  group_name: string;
  assignee: string | null;
  opened_at: Instant;
  is_open: boolean;
  /** The summary of the ticket's targets (`summarizeTargets`). */
  next_due_at: Instant | null;
  next_at_risk_at: Instant | null;
  breached: boolean;
  paused: boolean;
  at_risk_recorded: boolean;
}

/** One batch of the queue: the rows its events name, changed in memory, written once per table. */
class QueueBatch {
  readonly accounts: BatchRows<AccountRow>;
  readonly tickets: BatchRows<TicketRow>;
  readonly targets: BatchRows<TargetRow>;
  /** Erasures of this batch, for the rows it did not load (those it did are erased in memory, in log order). */
  readonly erasures: Array<{ accountId: string; contactId: string | null }> = [];

  constructor(private readonly schema: string) {
    const t = (table: string) => qualified(schema, table);
    this.accounts = new BatchRows(
      t('accounts'),
      [col('account_id'), col('tier'), col('arr_minor', 'bigint'), col('currency')],
      ['account_id'],
      'account',
    );
    this.tickets = new BatchRows(
      t('tickets'),
      [
        col('ticket_id'),
        col('account_id'),
        col('contact_id'),
        col('subject'),
        col('status'),
        col('priority'),
        col('priority_rank', 'smallint'),
        col('group_name'),
        col('assignee'),
        col('opened_at', 'timestamptz'),
        col('is_open', 'boolean'),
        col('next_due_at', 'timestamptz'),
        col('next_at_risk_at', 'timestamptz'),
        col('breached', 'boolean'),
        col('paused', 'boolean'),
        col('at_risk_recorded', 'boolean'),
      ],
      ['ticket_id'],
      'ticket',
    );
    this.targets = new BatchRows(t('targets'), TARGET_COLUMNS, ['ticket_id', 'instance'], 'SLA target of ticket');
  }

  /** A ticket opened in this batch has no rows yet, nor targets; only account events change an account's row. */
  async load(tx: PoolClient, events: RecordedEvent[]): Promise<void> {
    const ticketIds = keysToLoad(events, (event) => (event.data as { ticketId?: string }).ticketId, 'TicketOpened');
    const accountEvents = events.filter((event) => event.type in ACCOUNT_HANDLERS);
    const accountOf = (event: RecordedEvent) => (event.data as { accountId: string }).accountId;
    await this.accounts.load(tx, 'account_id', keysToLoad(accountEvents, accountOf, 'AccountOnboarded'));
    await this.tickets.load(tx, 'ticket_id', ticketIds);
    await this.targets.load(tx, 'ticket_id', ticketIds);
  }

  /** The subjects of the account's tickets opened by the contact (null: by anyone) read as erased. */
  erase(accountId: string, contactId: string | null): void {
    for (const ticket of this.tickets.values())
      if (ticket.account_id === accountId && (contactId === null || ticket.contact_id === contactId))
        this.tickets.change(ticket.ticket_id).subject = ERASED;
    this.erasures.push({ accountId, contactId });
  }

  async write(tx: PoolClient): Promise<void> {
    const ticketsOfChangedTargets = new Set(this.targets.changedRows().map((target) => target.ticket_id));
    const targetsOf = new Map<string, TargetRow[]>();
    for (const target of this.targets.values())
      if (ticketsOfChangedTargets.has(target.ticket_id))
        targetsOf.set(target.ticket_id, [...(targetsOf.get(target.ticket_id) ?? []), target]);
    for (const [ticketId, targets] of targetsOf) summarizeTargets(this.tickets.change(ticketId), targets);
    for (const rows of [this.accounts, this.tickets, this.targets]) await rows.write(tx);
    const loaded = [...this.tickets.values()].map((ticket) => ticket.ticket_id);
    for (const { accountId, contactId } of this.erasures)
      await tx.query(
        `UPDATE ${qualified(this.schema, 'tickets')} SET subject = $4
          WHERE account_id = $1 AND ($2::text IS NULL OR contact_id = $2) AND ticket_id <> ALL ($3) AND subject <> $4`,
        [accountId, contactId, loaded, ERASED],
      );
  }
}

const instant = (value: Instant | null): number => (value === null ? Infinity : new Date(value).getTime());

/** The ticket's next due is its earliest running target; breached and paused follow its targets. */
function summarizeTargets(ticket: TicketRow, targets: TargetRow[]): void {
  const running = targets.filter((target) => target.status === 'running');
  const first = (field: 'due_at' | 'at_risk_at') =>
    running.reduce<Instant | null>(
      (min, target) => (instant(target[field]) < instant(min) ? target[field] : min),
      null,
    );
  ticket.next_due_at = first('due_at');
  ticket.next_at_risk_at = first('at_risk_at');
  ticket.breached = running.some((target) => target.breached);
  ticket.at_risk_recorded = running.some((target) => target.at_risk_recorded && !target.breached);
  ticket.paused = running.length === 0 && targets.some((target) => target.status === 'paused');
}

const arrOf = (batch: QueueBatch, accountId: string, amountMinor: number) =>
  void (batch.accounts.change(accountId).arr_minor = amountMinor);

const ACCOUNT_HANDLERS: BatchHandlers<QueueBatch> = {
  AccountOnboarded: (batch, { accountId, tier, arr }) =>
    batch.accounts.put({ account_id: accountId, tier, arr_minor: arr.amountMinor, currency: arr.currency }),
  AccountTierChanged: (batch, { accountId, to }) => void (batch.accounts.change(accountId).tier = to),
  ContractRenewed: (batch, { accountId, arr }) => arrOf(batch, accountId, arr.amountMinor),
  ContractExpanded: (batch, { accountId, arr }) => arrOf(batch, accountId, arr.amountMinor),
  ContractContracted: (batch, { accountId, arr }) => arrOf(batch, accountId, arr.amountMinor),
};

const HANDLERS: BatchHandlers<QueueBatch> = {
  ...ACCOUNT_HANDLERS,
  ...TARGET_HANDLERS,
  TicketOpened: (batch, { ticketId, accountId, contactId, subject, priority, openedAt }) =>
    batch.tickets.put({
      ticket_id: ticketId,
      account_id: accountId,
      contact_id: contactId,
      subject,
      status: 'new',
      priority,
      priority_rank: PRIORITY_RANK[priority],
      group_name: 'unassigned',
      assignee: null,
      opened_at: openedAt,
      is_open: true,
      next_due_at: null,
      next_at_risk_at: null,
      breached: false,
      paused: false,
      at_risk_recorded: false,
    }),
  TicketAssigned: (batch, { ticketId, group, agentId }) =>
    void Object.assign(batch.tickets.change(ticketId), { group_name: group, assignee: agentId }),
  TicketStatusChanged: (batch, { ticketId, to }) =>
    void Object.assign(batch.tickets.change(ticketId), { status: to, is_open: to !== 'solved' && to !== 'closed' }),
  TicketPriorityChanged: (batch, { ticketId, to }) =>
    void Object.assign(batch.tickets.change(ticketId), { priority: to, priority_rank: PRIORITY_RANK[to] }),
  ContactErased: (batch, { accountId, contactId }) => batch.erase(accountId, contactId),
  AccountErased: (batch, { accountId }) => batch.erase(accountId, null),
};

/**
 * Queues (docs/design.md §5). The SLA state (on_track, at_risk, breached, paused) depends on the time
 * of the query, so the projection stores the instants of each ticket's earliest running target and the
 * query compares them with now; the clock's recorded at-risk and breach flags let a state filter read
 * only the tickets in that state.
 */
export const queueProjection: Projection = {
  name: 'queue',
  handles: handledBy(HANDLERS),
  metadataOf: new Set(),
  // A ticket's subject is the one personal field a queue shows.
  personalDataOf: new Set(['TicketOpened']),

  // Queues made before erasure existed: their tickets get a contact on the next rebuild.
  upgrade(schema) {
    return `ALTER TABLE ${qualified(schema, 'tickets')} ADD COLUMN IF NOT EXISTS contact_id text`;
  },

  setup(schema) {
    const t = (table: string) => qualified(schema, table);
    return `
      CREATE TABLE ${t('accounts')} (account_id text PRIMARY KEY, tier text NOT NULL, arr_minor bigint NOT NULL, currency text NOT NULL);
      CREATE TABLE ${t('tickets')} (
        ticket_id text PRIMARY KEY, account_id text NOT NULL, contact_id text, subject text NOT NULL, status text NOT NULL,
        priority text NOT NULL, priority_rank smallint NOT NULL, group_name text NOT NULL DEFAULT 'unassigned', assignee text,
        opened_at timestamptz NOT NULL, is_open boolean NOT NULL DEFAULT true, next_due_at timestamptz, next_at_risk_at timestamptz,
        breached boolean NOT NULL DEFAULT false, paused boolean NOT NULL DEFAULT false, at_risk_recorded boolean NOT NULL DEFAULT false);
      CREATE INDEX ON ${t('tickets')} (group_name, (coalesce(next_due_at, 'infinity')), priority_rank, opened_at, ticket_id) WHERE is_open;
      CREATE INDEX queue_at_risk ON ${t('tickets')} (group_name, (coalesce(next_due_at, 'infinity')), priority_rank, opened_at, ticket_id) WHERE is_open AND at_risk_recorded AND NOT breached;
      CREATE INDEX queue_at_risk_unrecorded ON ${t('tickets')} (group_name, next_at_risk_at) WHERE is_open AND NOT at_risk_recorded AND NOT breached;
      CREATE INDEX ON ${t('tickets')} (account_id) WHERE is_open;
      CREATE TABLE ${t('targets')} (${TARGET_TABLE_COLUMNS}, PRIMARY KEY (ticket_id, instance));`;
  },

  apply: applyFolded((schema) => new QueueBatch(schema), HANDLERS),
};
