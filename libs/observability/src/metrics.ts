import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { shareWithPrimary } from './cluster-metrics';

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

  readonly commands = new Counter({
    name: 'commands_total',
    help: 'Commands by aggregate and outcome: appended, unchanged, refused (domain rule or invalid input), conflict, precondition_failed, error',
    labelNames: ['aggregate', 'outcome'],
    registers: [this.registry],
  });

  readonly eventsAppended = new Counter({
    name: 'events_appended_total',
    help: 'Events appended by commands, by aggregate',
    labelNames: ['aggregate'],
    registers: [this.registry],
  });

  readonly commandRetries = new Counter({
    name: 'command_retries_total',
    help: 'Commands decided again after a concurrent writer won the race (contention on one stream)',
    labelNames: ['aggregate'],
    registers: [this.registry],
  });

  readonly projectionPosition = new Gauge({
    name: 'projection_position',
    help: 'Log position each projection has applied (on its leader)',
    labelNames: ['projection'],
    registers: [this.registry],
  });

  readonly projectionLagSeconds = new Gauge({
    name: 'projection_lag_seconds',
    help: 'Seconds between now and the recording of the last event each projection applied, while it is behind (0 when caught up)',
    labelNames: ['projection'],
    registers: [this.registry],
  });

  readonly projectionEvents = new Counter({
    name: 'projection_events_total',
    help: 'Events each projection has processed (applied or passed over)',
    labelNames: ['projection'],
    registers: [this.registry],
  });

  readonly projectionFailures = new Counter({
    name: 'projection_failures_total',
    help: 'Batches a projection could not apply (it stops at the failing event and retries)',
    labelNames: ['projection'],
    registers: [this.registry],
  });

  readonly projectionUnknownEvents = new Counter({
    name: 'projection_unknown_events_total',
    help: 'Events of types this build does not know, passed over by projections',
    labelNames: ['projection'],
    registers: [this.registry],
  });

  readonly projectionLeader = new Gauge({
    name: 'projection_leader',
    help: '1 where this process leads the projection',
    labelNames: ['projection'],
    registers: [this.registry],
  });

  readonly clockRecorded = new Counter({
    name: 'sla_clock_recorded_total',
    help: 'At-risk and breach events the SLA clock recorded, and trigger flags raised or cleared, by kind',
    labelNames: ['kind'],
    registers: [this.registry],
  });

  readonly appendGroupSize = new Histogram({
    name: 'event_store_append_group_appends',
    help: 'Appends sent to PostgreSQL in one statement and one commit (group commit; 1 when the database was idle)',
    buckets: [1, 2, 4, 8, 16, 32, 64, 128],
    registers: [this.registry],
  });

  readonly clockLagSeconds = new Histogram({
    name: 'sla_clock_lag_seconds',
    help: "From a target's at-risk or due instant to the clock appending its event",
    labelNames: ['kind'],
    buckets: [0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 60, 600],
    registers: [this.registry],
  });

  readonly clockDue = new Gauge({
    name: 'sla_clock_due_targets',
    help: 'Targets whose at-risk or due instant has come and whose event is not recorded yet (as of the last tick, up to a batch)',
    registers: [this.registry],
  });

  readonly clockLeader = new Gauge({
    name: 'sla_clock_leader',
    help: '1 where this process runs the SLA clock and the triggers',
    registers: [this.registry],
  });

  readonly relayMessages = new Counter({
    name: 'relay_messages_total',
    help: 'Messages the Kafka relay produced and the broker acknowledged, by topic',
    labelNames: ['topic'],
    registers: [this.registry],
  });

  readonly relayDeadLetters = new Counter({
    name: 'relay_dead_letters_total',
    help: 'Events the broker could never take, produced to the DLQ instead',
    registers: [this.registry],
  });

  readonly relayProduceErrors = new Counter({
    name: 'relay_produce_errors_total',
    help: 'Failed produce attempts (retried with backoff)',
    registers: [this.registry],
  });

  readonly relayPosition = new Gauge({
    name: 'relay_position',
    help: 'Log position the broker has acknowledged (on the relay leader)',
    registers: [this.registry],
  });

  readonly relayLagSeconds = new Gauge({
    name: 'relay_lag_seconds',
    help: 'Age of the last event the broker acknowledged when it was acknowledged',
    registers: [this.registry],
  });

  readonly relayLeader = new Gauge({
    name: 'relay_leader',
    help: '1 where this process leads the Kafka relay',
    registers: [this.registry],
  });

  readonly ledgerSize = new Gauge({
    name: 'ledger_tree_size',
    help: 'Leaves (events) the Merkle tree over the log holds (on the ledger leader)',
    registers: [this.registry],
  });

  readonly ledgerCheckpointSize = new Gauge({
    name: 'ledger_checkpoint_size',
    help: 'Tree size of the latest signed checkpoint (on the ledger leader)',
    registers: [this.registry],
  });

  readonly ledgerCheckpointTimestamp = new Gauge({
    name: 'ledger_checkpoint_timestamp_seconds',
    help: 'When the latest checkpoint was signed, Unix seconds: its age is time() minus this',
    registers: [this.registry],
  });

  readonly ledgerLeader = new Gauge({
    name: 'ledger_leader',
    help: '1 where this process leads the ledger',
    registers: [this.registry],
  });

  constructor() {
    collectDefaultMetrics({ register: this.registry });
    shareWithPrimary(this.registry);
  }
}
