import { IsIn, IsOptional, IsString, Length } from 'class-validator';
import { PRIORITIES, TIERS, type Priority, type Tier } from '@app/domain';

export const SLA_STATES = ['on_track', 'at_risk', 'breached', 'paused'] as const;
export type SlaState = (typeof SLA_STATES)[number];

/** Filters of a queue: by assignee, SLA state, priority, account tier. */
export class QueueFilterDto {
  @IsOptional()
  @IsString()
  @Length(1, 200)
  assignee?: string;

  @IsOptional()
  @IsIn(SLA_STATES, { message: `must be one of ${SLA_STATES.join(', ')}` })
  state?: SlaState;

  @IsOptional()
  @IsIn(PRIORITIES, { message: `must be one of ${PRIORITIES.join(', ')}` })
  priority?: Priority;

  @IsOptional()
  @IsIn(TIERS, { message: `must be one of ${TIERS.join(', ')}` })
  tier?: Tier;
}

/**
 * The open tickets of a group with their SLA state at `$2` (the query's now); filters `$3`–`$6`
 * (assignee, priority, tier, state). A state filter is a range on the due instants, so a page of
 * at-risk tickets is read from the due-time index where they start, not found by scanning the group.
 */
export function queueRows(tickets: string, accounts: string): string {
  return `
    SELECT t.ticket_id, t.account_id, t.subject, t.status, t.priority, t.priority_rank, t.assignee, t.opened_at, t.next_due_at,
           a.tier, a.arr_minor, a.currency, coalesce(t.next_due_at, 'infinity') AS due_key,
           CASE WHEN t.breached OR t.next_due_at <= $2 THEN 'breached'
                WHEN t.paused THEN 'paused'
                WHEN t.next_at_risk_at <= $2 THEN 'at_risk'
                ELSE 'on_track' END AS sla_state
      FROM ${tickets} t LEFT JOIN ${accounts} a USING (account_id)
     WHERE t.is_open AND t.group_name = $1
       AND ($3::text IS NULL OR t.assignee = $3) AND ($4::text IS NULL OR t.priority = $4) AND ($5::text IS NULL OR a.tier = $5)
       AND CASE $6::text
             WHEN 'breached' THEN t.breached OR coalesce(t.next_due_at, 'infinity') <= $2
             WHEN 'paused' THEN t.paused AND NOT t.breached AND coalesce(t.next_due_at, 'infinity') > $2
             WHEN 'at_risk' THEN coalesce(t.next_due_at, 'infinity') > $2 AND t.next_at_risk_at <= $2 AND NOT t.breached AND NOT t.paused
             WHEN 'on_track' THEN coalesce(t.next_due_at, 'infinity') > $2 AND coalesce(t.next_at_risk_at, 'infinity') > $2 AND NOT t.breached AND NOT t.paused
             ELSE true END`;
}
