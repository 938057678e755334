import type { GetSlaMetricsRequest } from './get-sla-metrics.request';

export class GetSlaMetricsQuery {
  constructor(
    readonly request: GetSlaMetricsRequest,
    readonly minPosition: string | undefined,
  ) {}
}
