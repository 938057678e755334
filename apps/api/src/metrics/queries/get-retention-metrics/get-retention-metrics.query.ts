import type { GetRetentionMetricsRequest } from './get-retention-metrics.request';

export class GetRetentionMetricsQuery {
  constructor(
    readonly request: GetRetentionMetricsRequest,
    readonly minPosition: string | undefined,
  ) {}
}
