import type { PoolClient } from 'pg';
import { waitsOnTeam, type TicketStatus } from '@app/domain';
import type { RecordedEvent } from '@app/event-store';
import { bulkUpsert, keysToLoad, type Column } from '../bulk';
import { applyEach, qualified, type Projection } from '../projection';

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

/** Every ticket event carries a ticketId; account events do not. */
const isTicketEvent = (event: RecordedEvent): boolean => typeof (event.data as { ticketId?: unknown }).ticketId === 'string';

const CALENDAR_COLUMNS: Column[] = [
  { name: 'ticket_id', type: 'text' },
  { name: 'calendar', type: 'jsonb' },
];

const instant = (value: string | Date | null): number => (value === null ? Infinity : new Date(value).getTime());

/** The ticket's next due is its earliest running target; breached and paused follow its targets. */
function summarizeTargets(ticket: TicketRow, targets: TargetRow[]): void {
  const running = targets.filter((target) => target.status === 'running');
  const first = (field: 'due_at' | 'at_risk_at') => running.reduce<string | Date | null>((min, target) => (instant(target[field]) < instant(min) ? target[field] : min), null);
  ticket.next_due_at = first('due_at');
  ticket.next_at_risk_at = first('at_risk_at');
  ticket.breached = running.some((target) => target.breached);
  ticket.at_risk_recorded = running.some((target) => target.at_risk_recorded && !target.breached);
  ticket.paused = running.length === 0 && targets.some((target) => target.status === 'paused');
}

/**
 * Queues (docs/design.md §5) and what the SLA clock and the triggers watch (docs/design.md §6). The SLA state
 * (on_track, at_risk, breached, paused) depends on the time of the query, so the projection stores
 * the instants and the query compares them with now; the clock's recorded at-risk and breach flags
 * let a state filter read only the tickets in that state. A batch is folded in memory over the
 * rows it touches and written back with one statement per table.
 */
export const queueProjection: Projection = {
  name: 'queue',
  handles: new Set([
    'AccountOnboarded',
    'AccountTierChanged',
    'ContractRenewed',
    'ContractExpanded',
    'ContractContracted',
    'AccountChurned',
    'AccountFlaggedAtRisk',
    'AccountRiskCleared',
    'TicketOpened',
    'TicketAssigned',
    'TicketStatusChanged',
    'TicketPriorityChanged',
    'ReplyAdded',
    'CsatRated',
    'SlaApplied',
    'SlaTargetStarted',
    'SlaTargetPaused',
    'SlaTargetResumed',
    'SlaTargetRescheduled',
    'SlaTargetAtRisk',
    'SlaTargetBreached',
    'SlaTargetEnded',
    'TicketUpdateDue',
    'TicketUpdateDueCleared',
    'LowCsatFlagged',
    'LowCsatCleared',
    'StrategicBreachAlerted',
  ]),
  metadataOf: new Set(),

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
    const t = (table: string) => qualified(schema, table);
    type Data = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
    // A ticket opened in this batch has no rows yet, nor targets.
    const accountIds = keysToLoad(events, (event) => (event.data as Data).accountId, 'AccountOnboarded');
    const ticketIds = keysToLoad(events, (event) => (event.data as Data).ticketId, 'TicketOpened');

    const accounts = new Map((await tx.query<AccountRow>(`SELECT * FROM ${t('accounts')} WHERE account_id = ANY ($1)`, [accountIds])).rows.map((row) => [row.account_id, row]));
    const tickets = new Map((await tx.query<TicketRow>(`SELECT * FROM ${t('tickets')} WHERE ticket_id = ANY ($1)`, [ticketIds])).rows.map((row) => [row.ticket_id, row]));
    const targets = new Map((await tx.query<TargetRow>(`SELECT * FROM ${t('targets')} WHERE ticket_id = ANY ($1)`, [ticketIds])).rows.map((row) => [`${row.ticket_id}|${row.instance}`, row]));
    const changedAccounts = new Set<string>();
    const changedTickets = new Set<string>();
    const changedTargets = new Set<string>();
    const calendars: Array<{ ticket_id: string; calendar: string }> = [];

    await applyEach(events, async (event) => {
      const d = event.data as Data;
      if (!isTicketEvent(event)) {
        const account = accounts.get(d.accountId);
        if (event.type === 'AccountOnboarded') {
          accounts.set(d.accountId, { account_id: d.accountId, tier: d.tier, arr_minor: d.arr.amountMinor, currency: d.arr.currency, renewal_date: d.renewalDate, churned: false, risk_flagged: false, last_breach_at: null });
        } else if (!account) throw new Error(`account ${d.accountId} is unknown to the queue`);
        else if (event.type === 'AccountTierChanged') account.tier = d.to;
        else if (event.type === 'AccountChurned') account.churned = true;
        else if (event.type === 'AccountFlaggedAtRisk') account.risk_flagged = true;
        else if (event.type === 'AccountRiskCleared') account.risk_flagged = false;
        else {
          account.arr_minor = d.arr.amountMinor;
          if (event.type === 'ContractRenewed') account.renewal_date = d.renewalDate;
        }
        changedAccounts.add(d.accountId);
        return;
      }
      if (event.type === 'TicketOpened') {
        tickets.set(d.ticketId, {
          ticket_id: d.ticketId,
          account_id: d.accountId,
          subject: d.subject,
          status: 'new',
          priority: d.priority,
          priority_rank: PRIORITY_RANK[d.priority],
          group_name: 'unassigned',
          assignee: null,
          opened_at: d.openedAt,
          is_open: true,
          next_due_at: null,
          next_at_risk_at: null,
          breached: false,
          paused: false,
          at_risk_recorded: false,
          last_public_reply_by: null,
          waiting_since: d.openedAt,
          update_due_flagged: false,
          csat: null,
          low_csat_flagged: false,
        });
        changedTickets.add(d.ticketId);
        return;
      }
      const ticket = tickets.get(d.ticketId);
      if (!ticket) throw new Error(`ticket ${d.ticketId} is unknown to the queue`);
      changedTickets.add(d.ticketId);
      switch (event.type) {
        case 'TicketAssigned':
          ticket.group_name = d.group;
          ticket.assignee = d.agentId;
          return;
        case 'TicketStatusChanged':
          ticket.status = d.to;
          ticket.is_open = d.to !== 'solved' && d.to !== 'closed';
          return followWait(ticket, d.at);
        case 'TicketPriorityChanged':
          ticket.priority = d.to;
          ticket.priority_rank = PRIORITY_RANK[d.to];
          return;
        case 'ReplyAdded':
          if (d.public) ticket.last_public_reply_by = d.author.kind;
          return followWait(ticket, d.at);
        case 'CsatRated':
          ticket.csat = d.score;
          return;
        case 'SlaApplied':
          if (d.calendar) calendars.push({ ticket_id: d.ticketId, calendar: JSON.stringify(d.calendar) });
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
      const key = `${d.ticketId}|${d.instance}`;
      const target: TargetRow | undefined =
        event.type === 'SlaTargetStarted'
          ? { ticket_id: d.ticketId, instance: d.instance, account_id: d.accountId, status: 'running', due_at: d.dueAt, at_risk_at: d.atRiskAt, at_risk_recorded: false, breached: false, breached_at: null, alert_pending: false }
          : targets.get(key);
      if (!target) throw new Error(`SLA target ${d.instance} of ticket ${d.ticketId} is unknown to the queue`);
      if (event.type === 'SlaTargetPaused') Object.assign(target, { status: 'paused', due_at: null, at_risk_at: null });
      else if (event.type === 'SlaTargetResumed') Object.assign(target, { status: 'running', due_at: d.dueAt, at_risk_at: d.atRiskAt });
      else if (event.type === 'SlaTargetRescheduled') Object.assign(target, { due_at: d.dueAt, at_risk_at: d.atRiskAt });
      else if (event.type === 'SlaTargetAtRisk') target.at_risk_recorded = true;
      else if (event.type === 'SlaTargetBreached') {
        const account = accounts.get(d.accountId);
        Object.assign(target, { breached: true, breached_at: d.breachedAt, alert_pending: account?.tier === 'strategic' });
        if (account && (account.last_breach_at === null || new Date(account.last_breach_at).getTime() < Date.parse(d.breachedAt))) {
          account.last_breach_at = d.breachedAt;
          changedAccounts.add(d.accountId);
        }
      } else if (event.type === 'StrategicBreachAlerted') target.alert_pending = false;
      else if (event.type === 'SlaTargetEnded') Object.assign(target, { status: 'ended', due_at: null, at_risk_at: null });
      targets.set(key, target);
      changedTargets.add(key);
    });

    const targetsOf = new Map<string, TargetRow[]>();
    for (const target of targets.values()) targetsOf.set(target.ticket_id, [...(targetsOf.get(target.ticket_id) ?? []), target]);
    for (const ticketId of changedTickets) summarizeTargets(tickets.get(ticketId) as TicketRow, targetsOf.get(ticketId) ?? []);

    await bulkUpsert(tx, t('accounts'), ACCOUNT_COLUMNS, ['account_id'], [...changedAccounts].map((id) => ({ ...accounts.get(id) })));
    await bulkUpsert(tx, t('tickets'), TICKET_COLUMNS, ['ticket_id'], [...changedTickets].map((id) => ({ ...tickets.get(id) })));
    await bulkUpsert(tx, t('targets'), TARGET_COLUMNS, ['ticket_id', 'instance'], [...changedTargets].map((key) => ({ ...targets.get(key) })));
    await bulkUpsert(tx, t('ticket_calendars'), CALENDAR_COLUMNS, ['ticket_id'], calendars);
  },
};

/** The same wait on the team the ticket decider follows: it starts at the event that made the ticket wait. */
function followWait(ticket: TicketRow, at: string): void {
  if (!waitsOnTeam(ticket.status as TicketStatus, ticket.last_public_reply_by)) ticket.waiting_since = null;
  else ticket.waiting_since ??= at;
}
