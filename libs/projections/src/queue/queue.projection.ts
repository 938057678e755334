import type { PoolClient, QueryResultRow } from 'pg';
import { ERASED, waitsOnTeam, type SupportEvent, type TicketEvent, type TicketStatus } from '@app/domain';
import type { RecordedEvent } from '@app/event-store';
import { bulkUpsert, keysToLoad, type Column } from '../bulk';
import { applyEach, qualified, supportEventOf, type Projection } from '../projection';

export const PRIORITY_RANK: Record<string, number> = { urgent: 0, high: 1, normal: 2, low: 3 };

interface AccountRow {
  account_id: string;
  tier: string;
  arr_minor: number;
  currency: string;
  renewal_date: string | null;
  churned: boolean;
  risk_flagged: boolean;
  last_breach_at: string | Date | null;
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
  opened_at: string | Date;
  is_open: boolean;
  next_due_at: string | Date | null;
  next_at_risk_at: string | Date | null;
  breached: boolean;
  paused: boolean;
  at_risk_recorded: boolean;
  last_public_reply_by: 'agent' | 'customer' | null;
  waiting_since: string | Date | null;
  update_due_flagged: boolean;
  csat: number | null;
  low_csat_flagged: boolean;
}

interface TargetRow {
  ticket_id: string;
  instance: string;
  account_id: string;
  status: string;
  due_at: string | Date | null;
  at_risk_at: string | Date | null;
  at_risk_recorded: boolean;
  breached: boolean;
  breached_at: string | Date | null;
  alert_pending: boolean;
}

const ACCOUNT_COLUMNS: Column[] = [
  { name: 'account_id', type: 'text' },
  { name: 'tier', type: 'text' },
  { name: 'arr_minor', type: 'bigint' },
  { name: 'currency', type: 'text' },
  { name: 'renewal_date', type: 'date' },
  { name: 'churned', type: 'boolean' },
  { name: 'risk_flagged', type: 'boolean' },
  { name: 'last_breach_at', type: 'timestamptz' },
];
const TICKET_COLUMNS: Column[] = [
  { name: 'ticket_id', type: 'text' },
  { name: 'account_id', type: 'text' },
  { name: 'contact_id', type: 'text' },
  { name: 'subject', type: 'text' },
  { name: 'status', type: 'text' },
  { name: 'priority', type: 'text' },
  { name: 'priority_rank', type: 'smallint' },
  { name: 'group_name', type: 'text' },
  { name: 'assignee', type: 'text' },
  { name: 'opened_at', type: 'timestamptz' },
  { name: 'is_open', type: 'boolean' },
  { name: 'next_due_at', type: 'timestamptz' },
  { name: 'next_at_risk_at', type: 'timestamptz' },
  { name: 'breached', type: 'boolean' },
  { name: 'paused', type: 'boolean' },
  { name: 'at_risk_recorded', type: 'boolean' },
  { name: 'last_public_reply_by', type: 'text' },
  { name: 'waiting_since', type: 'timestamptz' },
  { name: 'update_due_flagged', type: 'boolean' },
  { name: 'csat', type: 'smallint' },
  { name: 'low_csat_flagged', type: 'boolean' },
];
const TARGET_COLUMNS: Column[] = [
  { name: 'ticket_id', type: 'text' },
  { name: 'instance', type: 'text' },
  { name: 'account_id', type: 'text' },
  { name: 'status', type: 'text' },
  { name: 'due_at', type: 'timestamptz' },
  { name: 'at_risk_at', type: 'timestamptz' },
  { name: 'at_risk_recorded', type: 'boolean' },
  { name: 'breached', type: 'boolean' },
  { name: 'breached_at', type: 'timestamptz' },
  { name: 'alert_pending', type: 'boolean' },
];

const CALENDAR_COLUMNS: Column[] = [
  { name: 'ticket_id', type: 'text' },
  { name: 'calendar', type: 'jsonb' },
];

const instant = (value: string | Date | null): number => (value === null ? Infinity : new Date(value).getTime());

/** The ticket's next due is its earliest running target; breached and paused follow its targets. */
function summarizeTargets(ticket: TicketRow, targets: TargetRow[]): void {
  const running = targets.filter((target) => target.status === 'running');
  const first = (field: 'due_at' | 'at_risk_at') =>
    running.reduce<string | Date | null>(
      (min, target) => (instant(target[field]) < instant(min) ? target[field] : min),
      null,
    );
  ticket.next_due_at = first('due_at');
  ticket.next_at_risk_at = first('at_risk_at');
  ticket.breached = running.some((target) => target.breached);
  ticket.at_risk_recorded = running.some((target) => target.at_risk_recorded && !target.breached);
  ticket.paused = running.length === 0 && targets.some((target) => target.status === 'paused');
}

type AccountChange = Extract<SupportEvent, { type: (typeof ACCOUNT_TYPES)[number] }>;
type TicketChange = Extract<SupportEvent, { type: (typeof TICKET_TYPES)[number] }>;
type TargetChange = Extract<SupportEvent, { type: (typeof TARGET_TYPES)[number] }>;

const ACCOUNT_TYPES = [
  'AccountOnboarded',
  'AccountTierChanged',
  'AccountChurned',
  'AccountFlaggedAtRisk',
  'AccountRiskCleared',
  'ContractRenewed',
  'ContractExpanded',
  'ContractContracted',
] as const;
/** Ticket events that change the ticket's own row. */
const TICKET_TYPES = [
  'TicketAssigned',
  'TicketStatusChanged',
  'TicketPriorityChanged',
  'ReplyAdded',
  'CsatRated',
  'SlaApplied',
  'TicketUpdateDue',
  'TicketUpdateDueCleared',
  'LowCsatFlagged',
  'LowCsatCleared',
] as const;
const TARGET_TYPES = [
  'SlaTargetStarted',
  'SlaTargetPaused',
  'SlaTargetResumed',
  'SlaTargetRescheduled',
  'SlaTargetAtRisk',
  'SlaTargetBreached',
  'SlaTargetEnded',
  'StrategicBreachAlerted',
] as const;

const ERASURE_TYPES = ['ContactErased', 'AccountErased'] as const;

const oneOf =
  <Type extends SupportEvent['type']>(types: readonly Type[]) =>
  (event: SupportEvent): event is Extract<SupportEvent, { type: Type }> =>
    (types as readonly string[]).includes(event.type);
const isAccountChange = oneOf(ACCOUNT_TYPES);
const isTicketChange = oneOf(TICKET_TYPES);
const isTargetChange = oneOf(TARGET_TYPES);
const isErasure = oneOf(ERASURE_TYPES);

/**
 * Queues (docs/design.md §5) and what the SLA clock and the triggers watch (docs/design.md §6). The SLA state
 * (on_track, at_risk, breached, paused) depends on the time of the query, so the projection stores
 * the instants and the query compares them with now; the clock's recorded at-risk and breach flags
 * let a state filter read only the tickets in that state. A batch is folded in memory over the
 * rows it touches and written back with one statement per table.
 */
export const queueProjection: Projection = {
  name: 'queue',
  handles: new Set([...ACCOUNT_TYPES, 'TicketOpened', ...TICKET_TYPES, ...TARGET_TYPES, ...ERASURE_TYPES]),
  metadataOf: new Set(),

  // Queues made before erasure existed: their tickets get a contact on the next rebuild.
  upgrade(schema) {
    return `ALTER TABLE ${qualified(schema, 'tickets')} ADD COLUMN IF NOT EXISTS contact_id text`;
  },

  setup(schema) {
    const t = (table: string) => qualified(schema, table);
    return `
      CREATE TABLE ${t('accounts')} (
        account_id text PRIMARY KEY,
        tier text NOT NULL,
        arr_minor bigint NOT NULL,
        currency text NOT NULL,
        renewal_date date,
        churned boolean NOT NULL DEFAULT false,
        risk_flagged boolean NOT NULL DEFAULT false,
        last_breach_at timestamptz);
      CREATE TABLE ${t('tickets')} (
        ticket_id text PRIMARY KEY,
        account_id text NOT NULL,
        contact_id text,
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
        paused boolean NOT NULL DEFAULT false,
        at_risk_recorded boolean NOT NULL DEFAULT false,
        last_public_reply_by text,
        waiting_since timestamptz,
        update_due_flagged boolean NOT NULL DEFAULT false,
        csat smallint,
        low_csat_flagged boolean NOT NULL DEFAULT false);
      CREATE INDEX ON ${t('tickets')} (group_name, (coalesce(next_due_at, 'infinity')), priority_rank, opened_at, ticket_id) WHERE is_open;
      CREATE INDEX queue_at_risk ON ${t('tickets')} (group_name, (coalesce(next_due_at, 'infinity')), priority_rank, opened_at, ticket_id) WHERE is_open AND at_risk_recorded AND NOT breached;
      CREATE INDEX queue_at_risk_unrecorded ON ${t('tickets')} (group_name, next_at_risk_at) WHERE is_open AND NOT at_risk_recorded AND NOT breached;
      CREATE INDEX ON ${t('tickets')} (account_id) WHERE is_open;
      CREATE INDEX ON ${t('tickets')} (waiting_since) WHERE waiting_since IS NOT NULL AND NOT update_due_flagged;
      CREATE INDEX ON ${t('tickets')} (csat) WHERE csat IS NOT NULL AND NOT low_csat_flagged;
      CREATE INDEX ON ${t('tickets')} (ticket_id) WHERE low_csat_flagged;
      CREATE TABLE ${t('ticket_calendars')} (ticket_id text PRIMARY KEY, calendar jsonb NOT NULL);
      CREATE TABLE ${t('targets')} (
        ticket_id text NOT NULL,
        instance text NOT NULL,
        account_id text NOT NULL,
        status text NOT NULL,
        due_at timestamptz,
        at_risk_at timestamptz,
        at_risk_recorded boolean NOT NULL DEFAULT false,
        breached boolean NOT NULL DEFAULT false,
        breached_at timestamptz,
        alert_pending boolean NOT NULL DEFAULT false,
        PRIMARY KEY (ticket_id, instance));
      CREATE INDEX clock_at_risk ON ${t('targets')} (at_risk_at) WHERE status = 'running' AND NOT at_risk_recorded AND NOT breached;
      CREATE INDEX clock_breach ON ${t('targets')} (due_at) WHERE status = 'running' AND NOT breached;
      CREATE INDEX ON ${t('targets')} (ticket_id) WHERE alert_pending;`;
  },

  async apply(tx: PoolClient, schema: string, events: RecordedEvent[]) {
    const batch = await QueueBatch.load(tx, schema, events);
    await applyEach(events, async (event) => batch.apply(supportEventOf(event)));
    await batch.save(tx);
  },
};

/**
 * One batch folded in memory over the rows it touches: accounts, tickets and SLA targets are each
 * changed by their own events and written back with one statement per table.
 */
class QueueBatch {
  private readonly changedAccounts = new Set<string>();
  private readonly changedTickets = new Set<string>();
  private readonly changedTargets = new Set<string>();
  private readonly calendars: Array<{ ticket_id: string; calendar: string }> = [];
  /** Erasures of this batch, for the rows it did not load (those it did are erased in memory, in log order). */
  private readonly erasures: Array<{ accountId: string; contactId: string | null }> = [];

  private constructor(
    private readonly schema: string,
    private readonly accounts: Map<string, AccountRow>,
    private readonly tickets: Map<string, TicketRow>,
    private readonly targets: Map<string, TargetRow>,
  ) {}

  static async load(tx: PoolClient, schema: string, events: RecordedEvent[]): Promise<QueueBatch> {
    const t = (table: string) => qualified(schema, table);
    // A ticket opened in this batch has no rows yet, nor targets.
    const accountIds = keysToLoad(
      events,
      (event) => (event.data as { accountId?: string }).accountId,
      'AccountOnboarded',
    );
    const ticketIds = keysToLoad(events, (event) => (event.data as { ticketId?: string }).ticketId, 'TicketOpened');
    const rows = async <Row extends QueryResultRow>(table: string, key: string, ids: string[]) =>
      (await tx.query<Row>(`SELECT * FROM ${t(table)} WHERE ${key} = ANY ($1)`, [ids])).rows;
    return new QueueBatch(
      schema,
      new Map((await rows<AccountRow>('accounts', 'account_id', accountIds)).map((row) => [row.account_id, row])),
      new Map((await rows<TicketRow>('tickets', 'ticket_id', ticketIds)).map((row) => [row.ticket_id, row])),
      new Map(
        (await rows<TargetRow>('targets', 'ticket_id', ticketIds)).map((row) => [
          targetKey(row.ticket_id, row.instance),
          row,
        ]),
      ),
    );
  }

  apply(event: SupportEvent): void {
    if (isAccountChange(event)) return this.applyToAccount(event);
    if (event.type === 'TicketOpened') return this.openTicket(event.data);
    if (isTargetChange(event)) return this.applyToTarget(event);
    if (isTicketChange(event)) return this.applyToTicket(event);
    if (isErasure(event))
      return this.erase(event.data.accountId, 'contactId' in event.data ? event.data.contactId : null);
  }

  /** The subjects of the account's tickets opened by the contact (null: by anyone) read as erased. */
  private erase(accountId: string, contactId: string | null): void {
    for (const ticket of this.tickets.values()) {
      if (ticket.account_id !== accountId || (contactId !== null && ticket.contact_id !== contactId)) continue;
      ticket.subject = ERASED;
      this.changedTickets.add(ticket.ticket_id);
    }
    this.erasures.push({ accountId, contactId });
  }

  async save(tx: PoolClient): Promise<void> {
    const t = (table: string) => qualified(this.schema, table);
    const targetsOf = new Map<string, TargetRow[]>();
    for (const target of this.targets.values())
      targetsOf.set(target.ticket_id, [...(targetsOf.get(target.ticket_id) ?? []), target]);
    for (const ticketId of this.changedTickets)
      summarizeTargets(this.tickets.get(ticketId) as TicketRow, targetsOf.get(ticketId) ?? []);
    const changed = <Row>(rows: Map<string, Row>, keys: Set<string>) => [...keys].map((key) => ({ ...rows.get(key) }));
    await bulkUpsert(tx, t('accounts'), ACCOUNT_COLUMNS, ['account_id'], changed(this.accounts, this.changedAccounts));
    await bulkUpsert(tx, t('tickets'), TICKET_COLUMNS, ['ticket_id'], changed(this.tickets, this.changedTickets));
    await bulkUpsert(
      tx,
      t('targets'),
      TARGET_COLUMNS,
      ['ticket_id', 'instance'],
      changed(this.targets, this.changedTargets),
    );
    await bulkUpsert(tx, t('ticket_calendars'), CALENDAR_COLUMNS, ['ticket_id'], this.calendars);
    for (const { accountId, contactId } of this.erasures)
      await tx.query(
        `UPDATE ${t('tickets')} SET subject = $4
          WHERE account_id = $1 AND ($2::text IS NULL OR contact_id = $2) AND ticket_id <> ALL ($3) AND subject <> $4`,
        [accountId, contactId, [...this.tickets.keys()], ERASED],
      );
  }

  private applyToAccount(event: AccountChange): void {
    const { accountId } = event.data;
    this.changedAccounts.add(accountId);
    if (event.type === 'AccountOnboarded') {
      const { tier, arr, renewalDate } = event.data;
      this.accounts.set(accountId, {
        account_id: accountId,
        tier,
        arr_minor: arr.amountMinor,
        currency: arr.currency,
        renewal_date: renewalDate,
        churned: false,
        risk_flagged: false,
        last_breach_at: null,
      });
      return;
    }
    const account = this.accounts.get(accountId);
    if (!account) throw new Error(`account ${accountId} is unknown to the queue`);
    switch (event.type) {
      case 'AccountTierChanged':
        account.tier = event.data.to;
        return;
      case 'AccountChurned':
        account.churned = true;
        return;
      case 'AccountFlaggedAtRisk':
      case 'AccountRiskCleared':
        account.risk_flagged = event.type === 'AccountFlaggedAtRisk';
        return;
      case 'ContractRenewed':
        account.renewal_date = event.data.renewalDate;
        account.arr_minor = event.data.arr.amountMinor;
        return;
      case 'ContractExpanded':
      case 'ContractContracted':
        account.arr_minor = event.data.arr.amountMinor;
        return;
    }
  }

  private openTicket({
    ticketId,
    accountId,
    contactId,
    subject,
    priority,
    openedAt,
  }: Extract<TicketEvent, { type: 'TicketOpened' }>['data']): void {
    this.tickets.set(ticketId, {
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
      last_public_reply_by: null,
      waiting_since: openedAt,
      update_due_flagged: false,
      csat: null,
      low_csat_flagged: false,
    });
    this.changedTickets.add(ticketId);
  }

  private ticket(ticketId: string): TicketRow {
    const ticket = this.tickets.get(ticketId);
    if (!ticket) throw new Error(`ticket ${ticketId} is unknown to the queue`);
    this.changedTickets.add(ticketId);
    return ticket;
  }

  private applyToTicket(event: TicketChange): void {
    const ticket = this.ticket(event.data.ticketId);
    switch (event.type) {
      case 'TicketAssigned':
        ticket.group_name = event.data.group;
        ticket.assignee = event.data.agentId;
        return;
      case 'TicketStatusChanged':
        ticket.status = event.data.to;
        ticket.is_open = event.data.to !== 'solved' && event.data.to !== 'closed';
        return followWait(ticket, event.data.at);
      case 'TicketPriorityChanged':
        ticket.priority = event.data.to;
        ticket.priority_rank = PRIORITY_RANK[event.data.to];
        return;
      case 'ReplyAdded':
        if (event.data.public) ticket.last_public_reply_by = event.data.author.kind;
        return followWait(ticket, event.data.at);
      case 'CsatRated':
        ticket.csat = event.data.score;
        return;
      case 'SlaApplied':
        if (event.data.calendar)
          this.calendars.push({ ticket_id: event.data.ticketId, calendar: JSON.stringify(event.data.calendar) });
        return;
      case 'TicketUpdateDue':
      case 'TicketUpdateDueCleared':
        ticket.update_due_flagged = event.type === 'TicketUpdateDue';
        return;
      case 'LowCsatFlagged':
      case 'LowCsatCleared':
        ticket.low_csat_flagged = event.type === 'LowCsatFlagged';
        return;
    }
  }

  private applyToTarget(event: TargetChange): void {
    const { ticketId, instance } = event.data;
    this.ticket(ticketId);
    const key = targetKey(ticketId, instance);
    const target = event.type === 'SlaTargetStarted' ? startedTarget(event.data) : this.targets.get(key);
    if (!target) throw new Error(`SLA target ${instance} of ticket ${ticketId} is unknown to the queue`);
    switch (event.type) {
      case 'SlaTargetPaused':
      case 'SlaTargetEnded':
        Object.assign(target, {
          status: event.type === 'SlaTargetPaused' ? 'paused' : 'ended',
          due_at: null,
          at_risk_at: null,
        });
        break;
      case 'SlaTargetResumed':
        Object.assign(target, { status: 'running', due_at: event.data.dueAt, at_risk_at: event.data.atRiskAt });
        break;
      case 'SlaTargetRescheduled':
        Object.assign(target, { due_at: event.data.dueAt, at_risk_at: event.data.atRiskAt });
        break;
      case 'SlaTargetAtRisk':
        target.at_risk_recorded = true;
        break;
      case 'SlaTargetBreached':
        this.recordBreach(target, event.data);
        break;
      case 'StrategicBreachAlerted':
        target.alert_pending = false;
        break;
    }
    this.targets.set(key, target);
    this.changedTargets.add(key);
  }

  /** A breach raises a strategic alert and moves the account's last breach. */
  private recordBreach(target: TargetRow, { accountId, breachedAt }: { accountId: string; breachedAt: string }): void {
    const account = this.accounts.get(accountId);
    Object.assign(target, { breached: true, breached_at: breachedAt, alert_pending: account?.tier === 'strategic' });
    if (
      account &&
      (account.last_breach_at === null || new Date(account.last_breach_at).getTime() < Date.parse(breachedAt))
    ) {
      account.last_breach_at = breachedAt;
      this.changedAccounts.add(accountId);
    }
  }
}

const targetKey = (ticketId: string, instance: string) => `${ticketId}|${instance}`;

function startedTarget(data: Extract<TicketEvent, { type: 'SlaTargetStarted' }>['data']): TargetRow {
  const { ticketId, instance, accountId, dueAt, atRiskAt } = data;
  return {
    ticket_id: ticketId,
    instance,
    account_id: accountId,
    status: 'running',
    due_at: dueAt,
    at_risk_at: atRiskAt,
    at_risk_recorded: false,
    breached: false,
    breached_at: null,
    alert_pending: false,
  };
}

/** The same wait on the team the ticket decider follows: it starts at the event that made the ticket wait. */
function followWait(ticket: TicketRow, at: string): void {
  if (!waitsOnTeam(ticket.status as TicketStatus, ticket.last_public_reply_by)) ticket.waiting_since = null;
  else ticket.waiting_since ??= at;
}
