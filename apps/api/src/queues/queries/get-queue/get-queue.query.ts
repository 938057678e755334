import type { GetQueueRequest } from './get-queue.request';

export class GetQueueQuery {
  constructor(
    readonly group: string,
    readonly request: GetQueueRequest,
    readonly minPosition: string | undefined,
  ) {}
}
