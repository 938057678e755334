import type { Static } from '@sinclair/typebox';
import { Strict } from '@app/validation';
import { Cursor, Limit } from '../../../shared/query-shapes';
import { QueueFilter } from '../../queue-filter.request';

export const GetQueueRequest = Strict({ ...QueueFilter.properties, limit: Limit(500, 50), cursor: Cursor });
export type GetQueueRequest = Static<typeof GetQueueRequest>;
