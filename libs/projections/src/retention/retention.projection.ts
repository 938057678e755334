import type { PoolClient } from 'pg';
import type { RecordedEvent } from '@app/event-store';
import { applyFolded, BatchRows, handledBy, type BatchHandlers, type Instant } from '../batch-fold';
import { col } from '../bulk';
import { qualified, type Projection } from '../projection';

interface AccountRow {
  account_id: string;
  name: string;
  tier: string;
  owner_id: string;
  currency: string;
  /** bigint: a string as loaded. */
  arr_minor: number | string;
  contract_start: Instant;
  renewal_date: Instant;
  churned_on: Instant | null;
}

/** An ARR change, effective on its date. */
interface ChangeRow {
  position: string;
  account_id: string;
  kind: 'onboard' | 'renew' | 'expand' | 'contract' | 'churn';
  effective_date: string;
  arr_before: number | string;
  arr_after: number;
  currency: string;
}

interface NpsRow {
  position: string;
  account_id: string;
  score: number;
  at: Instant;
}

/** One batch of the retention read model. */
class RetentionBatch {
  readonly accounts: BatchRows<AccountRow>;
  readonly changes: BatchRows<ChangeRow>;
  readonly nps: BatchRows<NpsRow>;

  constructor(schema: string) {
    const t = (table: string) => qualified(schema, table);
    this.accounts = new BatchRows(
      t('accounts'),
      [
        col('account_id'),
        col('name'),
        col('tier'),
        col('owner_id'),
        col('currency'),
        col('arr_minor', 'bigint'),
        col('contract_start', 'date'),
        col('renewal_date', 'date'),
        col('churned_on', 'date'),
      ],
      ['account_id'],
      'account',
    );
    this.changes = new BatchRows(
      t('changes'),
      [
        col('position', 'bigint'),
        col('account_id'),
        col('kind'),
        col('effective_date', 'date'),
        col('arr_before', 'bigint'),
        col('arr_after', 'bigint'),
        col('currency'),
      ],
      ['position'],
      'change',
    );
    this.nps = new BatchRows(
      t('nps'),
      [col('position', 'bigint'), col('account_id'), col('score', 'smallint'), col('at', 'timestamptz')],
      ['position'],
      'NPS answer',
    );
  }

  /** An ARR change of the account, recorded at the event's position; the account's ARR follows it. */
  change(recorded: RecordedEvent, accountId: string, kind: ChangeRow['kind'], effectiveDate: string, after: number) {
    const account = this.accounts.change(accountId);
    this.changes.put({
      position: recorded.position.toString(),
      account_id: accountId,
      kind,
      effective_date: effectiveDate,
      arr_before: account.arr_minor,
      arr_after: after,
      currency: account.currency,
    });
    account.arr_minor = after;
    return account;
  }

  /** Every event of this model names its account. */
  async load(tx: PoolClient, events: RecordedEvent[]): Promise<void> {
    const accountIds = new Set(events.map((event) => (event.data as { accountId: string }).accountId));
    await this.accounts.load(tx, 'account_id', [...accountIds]);
  }

  async write(tx: PoolClient): Promise<void> {
    for (const rows of [this.accounts, this.changes, this.nps]) await rows.write(tx);
  }
}

const HANDLERS: BatchHandlers<RetentionBatch> = {
  AccountOnboarded: (batch, { accountId, name, tier, ownerId, arr, contractStart, renewalDate }, recorded) => {
    batch.accounts.put({
      account_id: accountId,
      name,
      tier,
      owner_id: ownerId,
      currency: arr.currency,
      arr_minor: 0,
      contract_start: contractStart,
      renewal_date: renewalDate,
      churned_on: null,
    });
    batch.change(recorded, accountId, 'onboard', contractStart, arr.amountMinor);
  },
  AccountTierChanged: (batch, { accountId, to }) => void (batch.accounts.change(accountId).tier = to),
  AccountOwnerChanged: (batch, { accountId, to }) => void (batch.accounts.change(accountId).owner_id = to),
  ContractRenewed: (batch, { accountId, effectiveDate, arr, renewalDate }, recorded) =>
    void (batch.change(recorded, accountId, 'renew', effectiveDate, arr.amountMinor).renewal_date = renewalDate),
  ContractExpanded: (batch, { accountId, effectiveDate, arr }, recorded) =>
    void batch.change(recorded, accountId, 'expand', effectiveDate, arr.amountMinor),
  ContractContracted: (batch, { accountId, effectiveDate, arr }, recorded) =>
    void batch.change(recorded, accountId, 'contract', effectiveDate, arr.amountMinor),
  AccountChurned: (batch, { accountId, effectiveDate }, recorded) =>
    void (batch.change(recorded, accountId, 'churn', effectiveDate, 0).churned_on = effectiveDate),
  // An NPS response counts at the instant it was given (metadata.occurredAt).
  NpsRecorded: (batch, { accountId, score }, recorded) => {
    batch.accounts.change(accountId);
    batch.nps.put({
      position: recorded.position.toString(),
      account_id: accountId,
      score,
      at: (recorded.metadata.occurredAt as string | undefined) ?? recorded.recordedAt.toISOString(),
    });
  },
};

/**
 * Retention (docs/design.md §4): accounts with their contract, and every ARR change with its effective
 * date (onboarding at contract start, renewals, expansions, contractions, churn), from which ARR at
 * any date, GRR, NRR and logo retention per period are computed at query time; NPS answers for
 * health.
 */
export const retentionProjection: Projection = {
  name: 'retention',
  handles: handledBy(HANDLERS),
  metadataOf: new Set(['NpsRecorded']),
  personalDataOf: new Set(),

  setup(schema) {
    const t = (table: string) => qualified(schema, table);
    return `
      CREATE TABLE ${t('accounts')} (
        account_id text PRIMARY KEY, name text NOT NULL, tier text NOT NULL, owner_id text NOT NULL, currency text NOT NULL,
        arr_minor bigint NOT NULL, contract_start date NOT NULL, renewal_date date NOT NULL, churned_on date);
      CREATE INDEX ON ${t('accounts')} (renewal_date) WHERE churned_on IS NULL;
      CREATE TABLE ${t('changes')} (
        position bigint PRIMARY KEY, account_id text NOT NULL, kind text NOT NULL, effective_date date NOT NULL,
        arr_before bigint NOT NULL, arr_after bigint NOT NULL, currency text NOT NULL);
      CREATE INDEX ON ${t('changes')} (account_id, effective_date, position);
      CREATE TABLE ${t('nps')} (position bigint PRIMARY KEY, account_id text NOT NULL, score smallint NOT NULL, at timestamptz NOT NULL);
      CREATE INDEX ON ${t('nps')} (account_id, position);`;
  },

  apply: applyFolded((schema) => new RetentionBatch(schema), HANDLERS),
};
