import type { GetAccountTimelineRequest } from './get-account-timeline.request';

export class GetAccountTimelineQuery {
  constructor(
    readonly accountId: string,
    readonly request: GetAccountTimelineRequest,
    readonly minPosition: string | undefined,
  ) {}
}
