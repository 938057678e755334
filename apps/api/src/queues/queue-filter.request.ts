import { Type, type Static } from '@sinclair/typebox';
import { PRIORITIES, TIERS } from '@app/domain';
import { SLA_STATES } from '@app/projections';
import { OneOf, Strict, Text } from '@app/validation';
import { Cursor, Limit } from '../shared/query-shapes';

/** Filters of a queue: by assignee, SLA state, priority, account tier. */
export const QueueFilter = Strict({
  assignee: Type.Optional(Text(1, 200)),
  state: Type.Optional(OneOf(SLA_STATES)),
  priority: Type.Optional(OneOf(PRIORITIES)),
  tier: Type.Optional(OneOf(TIERS)),
});
export type QueueFilter = Static<typeof QueueFilter>;

export const GetQueueRequest = Strict({ ...QueueFilter.properties, limit: Limit(500, 50), cursor: Cursor });
export type GetQueueRequest = Static<typeof GetQueueRequest>;

/** A queue's name: a ticket's group, or `unassigned`. */
export const QueueGroup = Text(1, 200);
