import type { GetRetentionMetricsRequest } from './get-retention-metrics.request.dto';

export class GetRetentionMetricsQuery {
  constructor(
    readonly request: GetRetentionMetricsRequest,
    readonly minPosition: string | undefined,
  ) {}
}
