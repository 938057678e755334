import { plainToInstance, Transform } from 'class-transformer';
import {
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  Min,
  MinLength,
  ValidateIf,
  validateSync,
} from 'class-validator';

const toInt = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string' && /^-?\d+$/.test(value.trim()) ? Number(value) : value;

/** A whole number from its variable's text, within [min, max]: one decorator for the four every such setting needs. */
const Integer =
  (min: number, max?: number): PropertyDecorator =>
  (target, key) => {
    // In the order stacked decorators apply (bottom up), so errors read as they always have.
    if (max !== undefined) Max(max)(target, key);
    Min(min)(target, key);
    IsInt()(target, key);
    Transform(toInt)(target, key);
  };

/**
 * Every setting comes from an environment variable (docs/configuration.md). Unset means the
 * embedded default, so `npm start` needs none.
 */
export class AppConfig {
  /** PostgreSQL for the event store and read models; unset runs an embedded server under DATA_DIR. */
  @IsOptional()
  @Matches(/^postgres(ql)?:\/\//, { message: 'DATABASE_URL must be a postgres:// connection string' })
  DATABASE_URL?: string;

  @IsString()
  DATA_DIR = './.data';

  @Integer(1, 65535)
  EMBEDDED_POSTGRES_PORT = 54329;

  @Integer(2, 500)
  DATABASE_POOL_SIZE = 20;

  /** Where the event log lives: `postgres` (the database above) or `eventstoredb` (EVENTSTORE_CONNECTION_STRING). */
  @IsIn(['postgres', 'eventstoredb'], { message: "EVENT_STORE must be 'postgres' or 'eventstoredb'" })
  EVENT_STORE: 'postgres' | 'eventstoredb' = 'postgres';

  /** EventStoreDB / KurrentDB connection string (`esdb://host:2113?tls=false`, `esdb+discover://…` for a cluster). */
  @ValidateIf(
    (config: AppConfig) => config.EVENT_STORE === 'eventstoredb' || config.EVENTSTORE_CONNECTION_STRING !== undefined,
  )
  @Matches(/^esdb(\+discover)?:\/\/\S+$/, {
    message:
      'EVENTSTORE_CONNECTION_STRING must be an esdb:// or esdb+discover:// connection string (required with EVENT_STORE=eventstoredb)',
  })
  EVENTSTORE_CONNECTION_STRING?: string = undefined;

  @Integer(1024, 64 * 1024 * 1024)
  EVENT_STORE_MAX_EVENT_BYTES = 4 * 1024 * 1024;

  @Integer(100)
  EVENT_STORE_STALL_TIMEOUT_MS = 5000;

  @Integer(10)
  EVENT_STORE_POLL_INTERVAL_MS = 250;

  @IsString()
  HOST = '127.0.0.1';

  @Integer(0, 65535)
  PORT = 3000;

  /**
   * API processes sharing PORT (node:cluster): the first runs every role of ROLES, the others the
   * API only. 1 serves from this process alone.
   */
  @Integer(1, 64)
  API_WORKERS = 1;

  @Integer(0, 65535)
  WORKER_PORT = 3001;

  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL = 'info';

  /**
   * Service API keys, stored hashed: a JSON array of `{"id", "sha256", "scopes"}` (docs/http-api.md,
   * "Conventions"). Unset, with no JWT_SECRET, on the embedded database: a development key.
   */
  @IsOptional()
  @IsString()
  API_KEYS?: string = undefined;

  /**
   * Wraps the data keys that encrypt personal data in the log: 32 bytes, base64. Unset on the
   * embedded database: made on first start and kept in DATA_DIR/pii-master-key.
   */
  @IsOptional()
  @Matches(/^[A-Za-z0-9+/]{43}=$/, { message: 'PII_MASTER_KEY must be 32 bytes in base64 (openssl rand -base64 32)' })
  PII_MASTER_KEY?: string = undefined;

  /** The PostgreSQL database of the data keys, when they are kept apart from DATABASE_URL's. */
  @IsOptional()
  @Matches(/^postgres(ql)?:\/\//, { message: 'PII_DATABASE_URL must be a postgres:// connection string' })
  PII_DATABASE_URL?: string = undefined;

  /** How long a process trusts a data key it read: another process's erasure reaches its reads within this time. */
  @Integer(0, 3_600_000)
  PII_KEY_CACHE_TTL_MS = 30_000;

  /** HS256 secret for agent and service JWTs; at least 32 characters. */
  @IsOptional()
  @MinLength(32, { message: 'JWT_SECRET must be at least 32 characters' })
  JWT_SECRET?: string = undefined;

  @IsOptional()
  @IsString()
  JWT_ISSUER?: string = undefined;

  @IsOptional()
  @IsString()
  JWT_AUDIENCE?: string = undefined;

  /** Largest accepted request body; larger ones get 413. */
  @Integer(1024, 4 * 1024 * 1024)
  HTTP_BODY_LIMIT_BYTES = 1024 * 1024;

  /** How often a command is decided again after losing a race with a concurrent writer. */
  @Integer(0, 50)
  COMMAND_RETRIES = 10;

  /**
   * Roles this process runs, comma-separated: api, projector, sla-clock (the SLA clock and the
   * proactive triggers), relay (Kafka, when KAFKA_BROKERS is set), ledger (the Merkle tree over the
   * log and its signed checkpoints); `all` runs every role, as `npm start` does.
   */
  @Matches(/^(all|(api|projector|sla-clock|relay|ledger)(,(api|projector|sla-clock|relay|ledger))*)$/, {
    message: 'ROLES must be all or a comma-separated list of api, projector, sla-clock, relay, ledger',
  })
  ROLES = 'all';

  /** Events per projection transaction. */
  @Integer(1, 10_000)
  PROJECTION_BATCH_SIZE = 500;

  /**
   * Events per rebuild transaction: rebuilds read the log from the start, and larger batches fold
   * more events into each row they write (10,000 measured about 1.4 times as fast as 1,000).
   */
  @Integer(1, 100_000)
  PROJECTION_REBUILD_BATCH_SIZE = 10_000;

  /** How often a standby projector tries to take over a projection whose leader is gone. */
  @Integer(50)
  PROJECTION_LEADER_POLL_MS = 1000;

  /** How long a failed projection waits before it tries its failing batch again. */
  @Integer(50)
  PROJECTION_RETRY_MS = 5000;

  /** Longest a query with X-Min-Position waits for its read model, or a history for the log, to reach that position (then 503). */
  @Integer(0, 60_000)
  READ_YOUR_WRITES_TIMEOUT_MS = 5000;

  /**
   * Weights of the account health factors, JSON (docs/design.md, "Health score"); factors left out keep
   * their default weight, 0 drops a factor.
   */
  @IsOptional()
  @IsString()
  HEALTH_WEIGHTS?: string = undefined;

  /** How often the SLA clock looks for targets whose at-risk or due instant has come: its resolution. */
  @Integer(10, 1000)
  SLA_CLOCK_POLL_MS = 200;

  /** Commands the SLA clock and the triggers have in flight at once. */
  @Integer(1, 256)
  SLA_CLOCK_CONCURRENCY = 16;

  /** How often the triggers look at accounts and tickets (update due, account at risk, low CSAT, strategic breach). */
  @Integer(50)
  TRIGGER_POLL_MS = 1000;

  /** A ticket waiting on the team this many business hours (its SLA calendar) gets an update-due flag. */
  @Integer(1)
  TRIGGER_UPDATE_DUE_BUSINESS_HOURS = 48;

  /** An account whose renewal is this many days away or fewer is watched for open urgent/high tickets and recent breaches. */
  @Integer(1)
  TRIGGER_RENEWAL_WINDOW_DAYS = 90;

  /** A breach this many days old or newer counts as recent for the account-at-risk trigger. */
  @Integer(1)
  TRIGGER_RECENT_BREACH_DAYS = 30;

  /** A CSAT rating at or below this is flagged. */
  @Integer(1, 4)
  TRIGGER_LOW_CSAT_MAX = 2;

  /** Kafka bootstrap brokers, comma-separated (`host:port,…`). Unset: the relay is off and catches up from its checkpoint once set. */
  @IsOptional()
  @Matches(/^[^,\s]+:\d+(,[^,\s]+:\d+)*$/, { message: 'KAFKA_BROKERS must be a comma-separated list of host:port' })
  KAFKA_BROKERS?: string = undefined;

  /** Topic prefix: `<prefix>.accounts`, `<prefix>.tickets`, `<prefix>.sla`, `<prefix>.dlq`. */
  @Matches(/^[a-zA-Z0-9._-]{1,200}$/, {
    message: 'KAFKA_TOPIC_PREFIX may hold letters, digits, dots, underscores and dashes',
  })
  KAFKA_TOPIC_PREFIX = 'support';

  /** Client id the relay announces to the brokers. */
  @IsString()
  @MinLength(1)
  KAFKA_CLIENT_ID = 'support-ops';

  /** Events per produce request of the relay. */
  @Integer(1, 10_000)
  RELAY_BATCH_SIZE = 500;

  /** Largest message the relay produces (the broker's `message.max.bytes`); a larger one goes to the DLQ. */
  @Integer(1024)
  RELAY_MAX_MESSAGE_BYTES = 1_000_000;

  /** First wait after a failed produce; doubles up to 30 s while the broker stays unavailable. */
  @Integer(10)
  RELAY_RETRY_MS = 500;

  /**
   * Streams whose last state each process keeps (written, or read for another command's facts), to
   * decide without reading the stream first and to read only what came after it.
   */
  @Integer(0, 10_000_000)
  COMMAND_CACHE_STREAMS = 10_000;

  /**
   * The key the ledger signs checkpoints with: an Ed25519 note key, PRIVATE+KEY+<origin>+<id>+<key>
   * (`npx support-ops keys checkpoint --origin <name>`). Embedded default: made on first start in
   * DATA_DIR/checkpoint-signing-key; with DATABASE_URL, required where the ledger role runs.
   */
  @IsOptional()
  @Matches(/^PRIVATE\+KEY\+[^\s+]+\+[0-9a-f]{8}\+[A-Za-z0-9+/]{44}$/, {
    message:
      'CHECKPOINT_SIGNING_KEY must be PRIVATE+KEY+<origin>+<key id>+<key>: make one with npx support-ops keys checkpoint --origin <name>',
  })
  CHECKPOINT_SIGNING_KEY?: string = undefined;

  /** A checkpoint is signed once this many events have joined the tree since the last one… */
  @Integer(1)
  CHECKPOINT_EVERY_EVENTS = 10_000;

  /** …or once this long has passed since it, whichever comes first (and only if the tree grew). */
  @Integer(100)
  CHECKPOINT_INTERVAL_MS = 60_000;

  /** The append-only directory each checkpoint is written to, for a witness to copy. Embedded default: DATA_DIR/checkpoints. */
  @IsOptional()
  @IsString()
  CHECKPOINT_DIR?: string = undefined;

  /** Events per ledger transaction (tiles, account sequences and the tree's size written together). */
  @Integer(1, 100_000)
  LEDGER_BATCH_SIZE = 5000;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n  ${problems.join('\n  ')}`);
  }
}

/** Reads and validates the environment; throws a ConfigError naming every bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const known = Object.keys(new AppConfig());
  const given = Object.fromEntries(
    Object.entries(env).filter(([key, value]) => (known.includes(key) || key === 'DATABASE_URL') && value !== ''),
  );
  const config = plainToInstance(AppConfig, given);
  const errors = validateSync(config, { whitelist: true });
  if (errors.length > 0) {
    throw new ConfigError(
      errors.flatMap((e) => Object.values(e.constraints ?? {}).map((message) => `${e.property}: ${message}`)),
    );
  }
  return config;
}

/** Whether this process runs a role (ROLES). */
export function runsRole(config: AppConfig, role: 'api' | 'projector' | 'sla-clock' | 'relay' | 'ledger'): boolean {
  return config.ROLES === 'all' || config.ROLES.split(',').includes(role);
}

export const HEALTH_FACTORS = [
  'sla_compliance',
  'open_urgent_high',
  'escalations',
  'ticket_volume_trend',
  'csat',
  'nps',
  'days_to_renewal',
] as const;
export type HealthFactor = (typeof HEALTH_FACTORS)[number];
const DEFAULT_HEALTH_WEIGHTS: Record<HealthFactor, number> = {
  sla_compliance: 25,
  open_urgent_high: 15,
  escalations: 10,
  ticket_volume_trend: 10,
  csat: 15,
  nps: 15,
  days_to_renewal: 10,
};

/** The health weights: defaults overridden by HEALTH_WEIGHTS; throws a ConfigError naming a bad entry. */
export function healthWeights(config: AppConfig): Record<HealthFactor, number> {
  if (!config.HEALTH_WEIGHTS) return { ...DEFAULT_HEALTH_WEIGHTS };
  let parsed: unknown;
  try {
    parsed = JSON.parse(config.HEALTH_WEIGHTS);
  } catch {
    throw new ConfigError(['HEALTH_WEIGHTS: must be a JSON object of factor weights']);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
    throw new ConfigError(['HEALTH_WEIGHTS: must be a JSON object of factor weights']);
  const problems = Object.entries(parsed).flatMap(([factor, weight]) =>
    !(HEALTH_FACTORS as readonly string[]).includes(factor)
      ? [`HEALTH_WEIGHTS.${factor}: unknown factor (known: ${HEALTH_FACTORS.join(', ')})`]
      : typeof weight !== 'number' || weight < 0 || !Number.isFinite(weight)
        ? [`HEALTH_WEIGHTS.${factor}: must be a number ≥ 0`]
        : [],
  );
  if (problems.length > 0) throw new ConfigError(problems);
  return { ...DEFAULT_HEALTH_WEIGHTS, ...(parsed as Partial<Record<HealthFactor, number>>) };
}
