import type { QueueFilterDto } from '../../queue-filter.dto';

export class GetQueueCountsQuery {
  constructor(
    readonly group: string,
    readonly filter: QueueFilterDto,
    readonly minPosition: string | undefined,
  ) {}
}
