import type { GetAccountTimelineRequest } from './get-account-timeline.request.dto';

export class GetAccountTimelineQuery {
  constructor(
    readonly accountId: string,
    readonly request: GetAccountTimelineRequest,
    readonly minPosition: string | undefined,
  ) {}
}
