import { Inject, Injectable, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import type { Pool } from 'pg';
import type { Logger } from 'pino';
import { inTransaction, runMigrations } from '@app/database';
import {
  matchSlaPolicy,
  type BusinessCalendar,
  type KnownSlaPolicy,
  type SlaPolicyDefinition,
  type SlaSnapshot,
  type Tier,
} from '@app/domain';
import { type EventStore, type RecordedEvent, type Subscription } from '@app/event-store';
import { NotReadyError } from './command-errors';

export const SLA_CATALOG_POOL = Symbol('SLA_CATALOG_POOL');
export const SLA_CATALOG_LOGGER = Symbol('SLA_CATALOG_LOGGER');
export const SLA_CATALOG_STORE = Symbol('SLA_CATALOG_STORE');

const MIGRATIONS = [
  {
    version: 1,
    name: 'sla catalog',
    sql: `
      CREATE TABLE sla_catalog_policies (
        policy_id text PRIMARY KEY,
        tiers text[] NOT NULL,
        definition jsonb NOT NULL,
        defined_position bigint NOT NULL,
        updated_position bigint NOT NULL);
      CREATE TABLE sla_catalog_calendars (
        calendar_id text PRIMARY KEY,
        definition jsonb NOT NULL,
        updated_position bigint NOT NULL);
      CREATE TABLE sla_catalog_checkpoint (singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton), position bigint NOT NULL);
      INSERT INTO sla_catalog_checkpoint (position) VALUES (0);`,
  },
];

const RELEVANT = new Set(['SlaPolicyDefined', 'SlaPolicyUpdated', 'CalendarDefined', 'CalendarUpdated']);
/** The catalog keeps payloads only. */
const NO_METADATA: ReadonlySet<string> = new Set();
const FRESHNESS_TIMEOUT_MS = 5000;
const RESTART_DELAY_MS = 1000;

/**
 * Which policy applies to a new ticket: "first policy for the tier, unless the account names one"
 * needs every policy at hand, which no single stream holds. This small projection keeps the
 * policies and calendars in PostgreSQL (rows and checkpoint in one transaction, so a restart does
 * not rescan the log) and in memory (they are few), and a lookup first waits until it has seen the
 * whole log as of the request, so a policy defined a moment ago applies.
 */
@Injectable()
export class SlaCatalog implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private subscription?: Subscription;
  private position = -1n;
  private waiters: Array<{ position: bigint; resolve: () => void }> = [];
  private stopped = false;
  private headRead?: Promise<bigint>;
  private nextHeadRead?: Promise<bigint>;
  /** Events applied since the checkpoint was last written: bounds the rescan after a restart. */
  private unsaved = 0;
  private readonly policies = new Map<string, KnownSlaPolicy>();
  private readonly calendars = new Map<string, BusinessCalendar>();

  constructor(
    @Inject(SLA_CATALOG_STORE) private readonly store: EventStore,
    @Inject(SLA_CATALOG_POOL) private readonly pool: Pool,
    @Inject(SLA_CATALOG_LOGGER) private readonly logger: Logger,
  ) {}

  static async migrate(pool: Pool): Promise<void> {
    await runMigrations(pool, 'sla_catalog', MIGRATIONS);
  }

  async onApplicationBootstrap(): Promise<void> {
    await SlaCatalog.migrate(this.pool);
    await this.follow();
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.stopped = true;
    await this.subscription?.stop();
  }

  /** The policy for a new ticket of an account, with its calendar, as a snapshot to copy into the ticket. */
  async match(tier: Tier, overridePolicyId: string | null): Promise<SlaSnapshot | null> {
    await this.upToDate();
    return matchSlaPolicy(this.policies.values(), this.calendars, { tier, slaPolicyId: overridePolicyId });
  }

  /** The policies that name a calendar, as of every event readable now. */
  async policiesOn(calendarId: string): Promise<Array<{ policyId: string; definition: SlaPolicyDefinition }>> {
    await this.upToDate();
    return [...this.policies.values()]
      .filter((policy) => policy.definition.calendarId === calendarId)
      .map(({ policyId, definition }) => ({ policyId, definition }));
  }

  /** Waits (bounded) until every event readable now has been applied. */
  private async upToDate(): Promise<void> {
    const head = await this.headSinceNow();
    if (this.position >= head) return;
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(
        () =>
          reject(
            new NotReadyError(
              `the SLA policy catalog is behind the log (at ${this.position}, log at ${head}); retry shortly`,
            ),
          ),
        FRESHNESS_TIMEOUT_MS,
      );
      this.waiters.push({ position: head, resolve: () => (clearTimeout(timer), resolve()) });
    });
  }

  /**
   * The log's head as read after this call: requests that come while a read is out share the next
   * one (that read may have begun before a write they follow was answered), so under load one
   * query serves many ticket openings.
   */
  private headSinceNow(): Promise<bigint> {
    if (!this.headRead) {
      this.headRead = this.store.headPosition().finally(() => (this.headRead = undefined));
      return this.headRead;
    }
    this.nextHeadRead ??= this.headRead
      .catch(() => undefined)
      .then(() => {
        this.nextHeadRead = undefined;
        return this.headSinceNow();
      });
    return this.nextHeadRead;
  }

  private advance(position: bigint): void {
    if (position > this.position) this.position = position;
    const ready = this.waiters.filter((waiter) => waiter.position <= this.position);
    this.waiters = this.waiters.filter((waiter) => waiter.position > this.position);
    for (const waiter of ready) waiter.resolve();
  }

  private async follow(): Promise<void> {
    const after = await this.loadSnapshot();
    this.advance(after);
    this.subscription = this.store.subscribeToAll(
      { after, batchSize: 1000, metadataOf: NO_METADATA, onCaughtUp: (position) => this.advance(position) },
      (events) => this.apply(events),
    );
    this.subscription.done.catch((error: unknown) => {
      if (this.stopped) return;
      this.logger.error({ err: error }, 'SLA catalog stopped; restarting');
      setTimeout(
        () =>
          void this.follow().catch((failure: unknown) =>
            this.logger.error({ err: failure }, 'SLA catalog restart failed'),
          ),
        RESTART_DELAY_MS,
      );
    });
  }

  /** Rows and checkpoint as of one snapshot, so memory matches the checkpoint it resumes from. */
  private async loadSnapshot(): Promise<bigint> {
    const { checkpoint, policies, calendars } = await inTransaction(
      this.pool,
      async (client) => ({
        checkpoint: await client.query<{ position: string }>('SELECT position FROM sla_catalog_checkpoint'),
        policies: await client.query<{
          definition: SlaPolicyDefinition & { policyId: string };
          defined_position: string;
        }>('SELECT definition, defined_position FROM sla_catalog_policies'),
        calendars: await client.query<{ definition: BusinessCalendar & { calendarId: string } }>(
          'SELECT definition FROM sla_catalog_calendars',
        ),
      }),
      'BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY',
    );
    this.policies.clear();
    this.calendars.clear();
    for (const row of policies.rows)
      this.remember({ type: 'SlaPolicyDefined', data: row.definition, position: BigInt(row.defined_position) });
    for (const row of calendars.rows) this.remember({ type: 'CalendarDefined', data: row.definition, position: 0n });
    return BigInt(checkpoint.rows[0].position);
  }

  private remember(event: { type: string; data: unknown; position: bigint }): void {
    if (event.type.startsWith('Calendar')) {
      const calendar = event.data as BusinessCalendar & { calendarId: string };
      this.calendars.set(calendar.calendarId, calendar);
      return;
    }
    const { policyId, ...definition } = event.data as SlaPolicyDefinition & { policyId: string };
    const definedAt = this.policies.get(policyId)?.definedAt ?? event.position;
    this.policies.set(policyId, { policyId, definition, definedAt });
  }

  private async apply(events: RecordedEvent[]): Promise<void> {
    const last = events[events.length - 1].position;
    const relevant = events.filter((event) => RELEVANT.has(event.type));
    if (relevant.length > 0) {
      await inTransaction(this.pool, async (client) => {
        for (const event of relevant) await client.query(upsertFor(event), parametersFor(event));
        await client.query('UPDATE sla_catalog_checkpoint SET position = greatest(position, $1)', [last.toString()]);
      });
      for (const event of relevant) this.remember(event);
      this.unsaved = 0;
    } else if ((this.unsaved += events.length) >= 10_000) {
      await this.pool.query('UPDATE sla_catalog_checkpoint SET position = greatest(position, $1)', [last.toString()]);
      this.unsaved = 0;
    }
    this.advance(last);
  }
}

function upsertFor(event: RecordedEvent): string {
  return event.type.startsWith('Calendar')
    ? `INSERT INTO sla_catalog_calendars (calendar_id, definition, updated_position) VALUES ($1, $2, $3)
       ON CONFLICT (calendar_id) DO UPDATE SET definition = excluded.definition, updated_position = excluded.updated_position
       WHERE sla_catalog_calendars.updated_position < excluded.updated_position`
    : `INSERT INTO sla_catalog_policies (policy_id, tiers, definition, defined_position, updated_position) VALUES ($1, $4, $2, $3, $3)
       ON CONFLICT (policy_id) DO UPDATE SET tiers = excluded.tiers, definition = excluded.definition, updated_position = excluded.updated_position
       WHERE sla_catalog_policies.updated_position < excluded.updated_position`;
}

function parametersFor(event: RecordedEvent): unknown[] {
  const data = event.data as { calendarId?: string; policyId?: string; tiers?: string[] };
  if (event.type.startsWith('Calendar')) return [data.calendarId, JSON.stringify(data), event.position.toString()];
  return [data.policyId, JSON.stringify(data), event.position.toString(), data.tiers];
}
