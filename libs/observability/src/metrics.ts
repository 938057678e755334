import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** The process's Prometheus metrics, served at /metrics. */
export class Metrics {
  readonly registry = new Registry();

  readonly horizonStallSeconds = new Gauge({
    name: 'event_store_horizon_stall_seconds',
    help: 'How long log readers have been held back by an open transaction (0 when flowing)',
    registers: [this.registry],
  });

  readonly horizonBypasses = new Counter({
    name: 'event_store_horizon_bypass_total',
    help: 'Reads that looked past a stalled transaction which never appends',
    registers: [this.registry],
  });

  readonly subscriptionReadErrors = new Counter({
    name: 'event_store_subscription_read_errors_total',
    help: 'Failed log reads of live subscriptions (each retried from its position)',
    registers: [this.registry],
  });

  readonly httpRequestSeconds = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'HTTP request latency by method, route and status',
    labelNames: ['method', 'route', 'status'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [this.registry],
  });

  constructor() {
    collectDefaultMetrics({ register: this.registry });
  }
}
