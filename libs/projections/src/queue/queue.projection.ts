import type { PoolClient } from 'pg';
import type { RecordedEvent } from '@app/event-store';
import { bulkUpsert, type Column } from '../bulk';
import { applyEach, qualified, type Projection } from '../projection';

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
}

interface TargetRow {
  ticket_id: string;
  instance: string;
  status: string;
  due_at: string | Date | null;
  at_risk_at: string | Date | null;
  breached: boolean;
}

const ACCOUNT_COLUMNS: Column[] = [
  { name: 'account_id', type: 'text' },
  { name: 'tier', type: 'text' },
  { name: 'arr_minor', type: 'bigint' },
  { name: 'currency', type: 'text' },
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
];
const TARGET_COLUMNS: Column[] = [
  { name: 'ticket_id', type: 'text' },
  { name: 'instance', type: 'text' },
  { name: 'status', type: 'text' },
  { name: 'due_at', type: 'timestamptz' },
  { name: 'at_risk_at', type: 'timestamptz' },
  { name: 'breached', type: 'boolean' },
];

/** Ticket and SLA target events carry a ticketId; the others here are account events. */
const isTicketEvent = (event: RecordedEvent): boolean => event.type.startsWith('Ticket') || event.type.startsWith('Sla');

const instant = (value: string | Date | null): number => (value === null ? Infinity : new Date(value).getTime());

/** The ticket's next due is its earliest running target; breached and paused follow its targets. */
function summarizeTargets(ticket: TicketRow, targets: TargetRow[]): void {
  const running = targets.filter((target) => target.status === 'running');
  const first = (field: 'due_at' | 'at_risk_at') => running.reduce<string | Date | null>((min, target) => (instant(target[field]) < instant(min) ? target[field] : min), null);
  ticket.next_due_at = first('due_at');
  ticket.next_at_risk_at = first('at_risk_at');
  ticket.breached = running.some((target) => target.breached);
  ticket.paused = running.length === 0 && targets.some((target) => target.status === 'paused');
}

/**
 * Queues (DESIGN §5): open tickets per group with their next SLA due time. The SLA state
 * (on_track, at_risk, breached, paused) depends on the time of the query, so the projection stores
 * the instants and the query compares them with now. A batch is folded in memory over the rows it
 * touches and written back with one statement per table.
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
    type Data = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
    const accountIds = new Set<string>();
    const ticketIds = new Set<string>();
    for (const event of events) {
      const d = event.data as Data;
      if (isTicketEvent(event)) ticketIds.add(d.ticketId);
      else accountIds.add(d.accountId);
    }

    const accounts = new Map((await tx.query<AccountRow>(`SELECT * FROM ${t('accounts')} WHERE account_id = ANY ($1)`, [[...accountIds]])).rows.map((row) => [row.account_id, row]));
    const tickets = new Map((await tx.query<TicketRow>(`SELECT * FROM ${t('tickets')} WHERE ticket_id = ANY ($1)`, [[...ticketIds]])).rows.map((row) => [row.ticket_id, row]));
    const targets = new Map((await tx.query<TargetRow>(`SELECT * FROM ${t('targets')} WHERE ticket_id = ANY ($1)`, [[...ticketIds]])).rows.map((row) => [`${row.ticket_id}|${row.instance}`, row]));
    const changedAccounts = new Set<string>();
    const changedTickets = new Set<string>();
    const changedTargets = new Set<string>();

    await applyEach(events, async (event) => {
      const d = event.data as Data;
      if (!isTicketEvent(event)) {
        const account = accounts.get(d.accountId);
        if (event.type === 'AccountOnboarded') accounts.set(d.accountId, { account_id: d.accountId, tier: d.tier, arr_minor: d.arr.amountMinor, currency: d.arr.currency });
        else if (!account) throw new Error(`account ${d.accountId} is unknown to the queue`);
        else if (event.type === 'AccountTierChanged') account.tier = d.to;
        else account.arr_minor = d.arr.amountMinor;
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
          return;
        case 'TicketPriorityChanged':
          ticket.priority = d.to;
          ticket.priority_rank = PRIORITY_RANK[d.to];
          return;
      }
      const key = `${d.ticketId}|${d.instance}`;
      const target = event.type === 'SlaTargetStarted' ? { ticket_id: d.ticketId, instance: d.instance, status: 'running', due_at: d.dueAt, at_risk_at: d.atRiskAt, breached: false } : targets.get(key);
      if (!target) throw new Error(`SLA target ${d.instance} of ticket ${d.ticketId} is unknown to the queue`);
      if (event.type === 'SlaTargetPaused') Object.assign(target, { status: 'paused', due_at: null, at_risk_at: null });
      else if (event.type === 'SlaTargetResumed') Object.assign(target, { status: 'running', due_at: d.dueAt, at_risk_at: d.atRiskAt });
      else if (event.type === 'SlaTargetRescheduled') Object.assign(target, { due_at: d.dueAt, at_risk_at: d.atRiskAt });
      else if (event.type === 'SlaTargetBreached') target.breached = true;
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
  },
};
