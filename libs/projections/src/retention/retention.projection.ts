import type { PoolClient } from 'pg';
import type { RecordedEvent } from '@app/event-store';
import { bulkUpsert, type Column } from '../bulk';
import { applyEach, qualified, type Projection } from '../projection';

type Row = Record<string, unknown>;
type Data = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const col = (name: string, type = 'text'): Column => ({ name, type });
const ACCOUNT_COLUMNS = [col('account_id'), col('name'), col('tier'), col('owner_id'), col('currency'), col('arr_minor', 'bigint'), col('contract_start', 'date'), col('renewal_date', 'date'), col('churned_on', 'date')];
const CHANGE_COLUMNS = [col('position', 'bigint'), col('account_id'), col('kind'), col('effective_date', 'date'), col('arr_before', 'bigint'), col('arr_after', 'bigint'), col('currency')];
const NPS_COLUMNS = [col('position', 'bigint'), col('account_id'), col('score', 'smallint'), col('at', 'timestamptz')];

/**
 * Retention (docs/design.md §4): accounts with their contract, and every ARR change with its effective
 * date (onboarding at contract start, renewals, expansions, contractions, churn), from which ARR at
 * any date, GRR, NRR and logo retention per period are computed at query time; NPS answers for
 * health.
 */
export const retentionProjection: Projection = {
  name: 'retention',
  handles: new Set(['AccountOnboarded', 'AccountTierChanged', 'AccountOwnerChanged', 'ContractRenewed', 'ContractExpanded', 'ContractContracted', 'AccountChurned', 'NpsRecorded']),
  // An NPS response counts at the instant it was given (metadata.occurredAt).
  metadataOf: new Set(['NpsRecorded']),

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

  async apply(tx: PoolClient, schema: string, events: RecordedEvent[]) {
    const t = (table: string) => qualified(schema, table);
    const ids = new Set(events.map((event) => (event.data as Data).accountId as string));
    const accounts = new Map((await tx.query<Row>(`SELECT * FROM ${t('accounts')} WHERE account_id = ANY ($1)`, [[...ids]])).rows.map((row) => [row.account_id as string, row]));
    const changedAccounts = new Set<string>();
    const changes: Row[] = [];
    const nps: Row[] = [];
    await applyEach(events, async (event) => {
      const d = event.data as Data;
      const position = event.position.toString();
      if (event.type === 'AccountOnboarded') {
        accounts.set(d.accountId, { account_id: d.accountId, name: d.name, tier: d.tier, owner_id: d.ownerId, currency: d.arr.currency, arr_minor: d.arr.amountMinor, contract_start: d.contractStart, renewal_date: d.renewalDate, churned_on: null });
        changes.push({ position, account_id: d.accountId, kind: 'onboard', effective_date: d.contractStart, arr_before: 0, arr_after: d.arr.amountMinor, currency: d.arr.currency });
        changedAccounts.add(d.accountId);
        return;
      }
      const account = accounts.get(d.accountId);
      if (!account) throw new Error(`account ${d.accountId} is unknown to retention`);
      changedAccounts.add(d.accountId);
      const change = (kind: string, effectiveDate: string, after: number) => {
        changes.push({ position, account_id: d.accountId, kind, effective_date: effectiveDate, arr_before: account.arr_minor, arr_after: after, currency: account.currency });
        account.arr_minor = after;
      };
      switch (event.type) {
        case 'AccountTierChanged':
          account.tier = d.to;
          return;
        case 'AccountOwnerChanged':
          account.owner_id = d.to;
          return;
        case 'ContractRenewed':
          change('renew', d.effectiveDate, d.arr.amountMinor);
          account.renewal_date = d.renewalDate;
          return;
        case 'ContractExpanded':
          change('expand', d.effectiveDate, d.arr.amountMinor);
          return;
        case 'ContractContracted':
          change('contract', d.effectiveDate, d.arr.amountMinor);
          return;
        case 'AccountChurned':
          change('churn', d.effectiveDate, 0);
          account.churned_on = d.effectiveDate;
          return;
        case 'NpsRecorded':
          nps.push({ position, account_id: d.accountId, score: d.score, at: event.metadata.occurredAt ?? event.recordedAt.toISOString() });
          return;
      }
    });
    await bulkUpsert(tx, t('accounts'), ACCOUNT_COLUMNS, ['account_id'], [...changedAccounts].map((id) => accounts.get(id) as Row));
    await bulkUpsert(tx, t('changes'), CHANGE_COLUMNS, ['position'], changes);
    await bulkUpsert(tx, t('nps'), NPS_COLUMNS, ['position'], nps);
  },
};
