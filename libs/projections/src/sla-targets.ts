import type { BatchHandlers, BatchRows, Instant } from './batch-fold';
import { col } from './bulk';

/**
 * An SLA target instance as the queue and the SLA clock's work list follow it: whether it runs, the
 * instants it is due and at risk while it does, and what the clock recorded of it. Both read models
 * fold it with the same handlers, so the clock records what the queue shows.
 */
export interface TargetRow {
  ticket_id: string;
  instance: string;
  status: 'running' | 'paused' | 'ended';
  due_at: Instant | null;
  at_risk_at: Instant | null;
  at_risk_recorded: boolean;
  breached: boolean;
}

export const TARGET_COLUMNS = [
  col('ticket_id'),
  col('instance'),
  col('status'),
  col('due_at', 'timestamptz'),
  col('at_risk_at', 'timestamptz'),
  col('at_risk_recorded', 'boolean'),
  col('breached', 'boolean'),
];

/** The columns of a targets table holding `TargetRow`s, for a projection's `setup`. */
export const TARGET_TABLE_COLUMNS = `ticket_id text NOT NULL, instance text NOT NULL, status text NOT NULL, due_at timestamptz, at_risk_at timestamptz,
        at_risk_recorded boolean NOT NULL DEFAULT false, breached boolean NOT NULL DEFAULT false`;

type TargetBatch = { targets: Pick<BatchRows<TargetRow>, 'put' | 'change'> };

const change = (
  batch: TargetBatch,
  { ticketId, instance }: { ticketId: string; instance: string },
  to: Partial<TargetRow>,
) => void Object.assign(batch.targets.change(ticketId, instance), to);

/** The target events, each as it changes a target's row. */
export const TARGET_HANDLERS = {
  SlaTargetStarted: (batch, { ticketId, instance, dueAt, atRiskAt }) =>
    batch.targets.put({
      ticket_id: ticketId,
      instance,
      status: 'running',
      due_at: dueAt,
      at_risk_at: atRiskAt,
      at_risk_recorded: false,
      breached: false,
    }),
  SlaTargetPaused: (batch, data) => change(batch, data, { status: 'paused', due_at: null, at_risk_at: null }),
  SlaTargetEnded: (batch, data) => change(batch, data, { status: 'ended', due_at: null, at_risk_at: null }),
  SlaTargetResumed: (batch, data) =>
    change(batch, data, { status: 'running', due_at: data.dueAt, at_risk_at: data.atRiskAt }),
  SlaTargetRescheduled: (batch, data) => change(batch, data, { due_at: data.dueAt, at_risk_at: data.atRiskAt }),
  SlaTargetAtRisk: (batch, data) => change(batch, data, { at_risk_recorded: true }),
  SlaTargetBreached: (batch, data) => change(batch, data, { breached: true }),
} satisfies BatchHandlers<TargetBatch>;
