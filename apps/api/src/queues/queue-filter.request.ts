import { Type, type Static } from '@sinclair/typebox';
import { PRIORITIES, TIERS } from '@app/domain';
import { OneOf, Strict, Text } from '@app/validation';

export const SLA_STATES = ['on_track', 'at_risk', 'breached', 'paused'] as const;
export type SlaState = (typeof SLA_STATES)[number];

/** Filters of a queue: by assignee, SLA state, priority, account tier. */
export const QueueFilter = Strict({
  assignee: Type.Optional(Text(1, 200)),
  state: Type.Optional(OneOf(SLA_STATES)),
  priority: Type.Optional(OneOf(PRIORITIES)),
  tier: Type.Optional(OneOf(TIERS)),
});
export type QueueFilter = Static<typeof QueueFilter>;

/** A queue's name: a ticket's group, or `unassigned`. */
export const QueueGroup = Text(1, 200);
