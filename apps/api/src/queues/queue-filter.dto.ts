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
