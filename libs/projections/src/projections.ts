import { clockProjection } from './clock/clock.projection';
import type { Projection } from './projection';
import { queueProjection } from './queue/queue.projection';
import { retentionProjection } from './retention/retention.projection';
import { slaProjection } from './sla/sla.projection';
import { timelineProjection } from './timeline/timeline.projection';

/** Every read model of this build. */
export const ALL_PROJECTIONS: readonly Projection[] = [
  queueProjection,
  timelineProjection,
  slaProjection,
  retentionProjection,
  clockProjection,
];
