import type { QueueFilter } from '../../queue-filter.request';

export class GetQueueCountsQuery {
  constructor(
    readonly group: string,
    readonly filter: QueueFilter,
    readonly minPosition: string | undefined,
  ) {}
}
