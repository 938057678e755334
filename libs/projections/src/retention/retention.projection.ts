import type { PoolClient } from 'pg';
import type { RecordedEvent } from '@app/event-store';
import { bulkUpsert, type Column } from '../bulk';
import { applyEach, qualified, supportEventOf, type Projection } from '../projection';

type Row = Record<string, unknown>;

const col = (name: string, type = 'text'): Column => ({ name, type });
const ACCOUNT_COLUMNS = [
  col('account_id'),
  col('name'),
  col('tier'),
  col('owner_id'),
  col('currency'),
  col('arr_minor', 'bigint'),
  col('contract_start', 'date'),
  col('renewal_date', 'date'),
  col('churned_on', 'date'),
];
const CHANGE_COLUMNS = [
  col('position', 'bigint'),
  col('account_id'),
  col('kind'),
  col('effective_date', 'date'),
  col('arr_before', 'bigint'),
  col('arr_after', 'bigint'),
  col('currency'),
];
const NPS_COLUMNS = [col('position', 'bigint'), col('account_id'), col('score', 'smallint'), col('at', 'timestamptz')];

/**
 * Retention (docs/design.md §4): accounts with their contract, and every ARR change with its effective
 * date (onboarding at contract start, renewals, expansions, contractions, churn), from which ARR at
 * any date, GRR, NRR and logo retention per period are computed at query time; NPS answers for
 * health.
 */
export const retentionProjection: Projection = {
  name: 'retention',
  handles: new Set([
    'AccountOnboarded',
    'AccountTierChanged',
    'AccountOwnerChanged',
    'ContractRenewed',
    'ContractExpanded',
    'ContractContracted',
    'AccountChurned',
    'NpsRecorded',
  ]),
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
    const ids = new Set(events.map((event) => (event.data as { accountId: string }).accountId));
    const accounts = new Map(
      (await tx.query<Row>(`SELECT * FROM ${t('accounts')} WHERE account_id = ANY ($1)`, [[...ids]])).rows.map(
        (row) => [row.account_id as string, row],
      ),
    );
    const changedAccounts = new Set<string>();
    const changes: Row[] = [];
    const nps: Row[] = [];
    await applyEach(events, async (recorded) => {
      const event = supportEventOf(recorded);
      const position = recorded.position.toString();
      if (event.type === 'AccountOnboarded') {
        const { accountId, name, tier, ownerId, arr, contractStart, renewalDate } = event.data;
        accounts.set(accountId, {
          account_id: accountId,
          name,
          tier,
          owner_id: ownerId,
          currency: arr.currency,
          arr_minor: arr.amountMinor,
          contract_start: contractStart,
          renewal_date: renewalDate,
          churned_on: null,
        });
        changes.push({
          position,
          account_id: accountId,
          kind: 'onboard',
          effective_date: contractStart,
          arr_before: 0,
          arr_after: arr.amountMinor,
          currency: arr.currency,
        });
        changedAccounts.add(accountId);
        return;
      }
      const { accountId } = event.data as { accountId: string };
      const account = accounts.get(accountId);
      if (!account) throw new Error(`account ${accountId} is unknown to retention`);
      changedAccounts.add(accountId);
      const change = (kind: string, effectiveDate: string, after: number) => {
        changes.push({
          position,
          account_id: accountId,
          kind,
          effective_date: effectiveDate,
          arr_before: account.arr_minor,
          arr_after: after,
          currency: account.currency,
        });
        account.arr_minor = after;
      };
      switch (event.type) {
        case 'AccountTierChanged':
          account.tier = event.data.to;
          return;
        case 'AccountOwnerChanged':
          account.owner_id = event.data.to;
          return;
        case 'ContractRenewed':
          change('renew', event.data.effectiveDate, event.data.arr.amountMinor);
          account.renewal_date = event.data.renewalDate;
          return;
        case 'ContractExpanded':
          change('expand', event.data.effectiveDate, event.data.arr.amountMinor);
          return;
        case 'ContractContracted':
          change('contract', event.data.effectiveDate, event.data.arr.amountMinor);
          return;
        case 'AccountChurned':
          change('churn', event.data.effectiveDate, 0);
          account.churned_on = event.data.effectiveDate;
          return;
        case 'NpsRecorded':
          nps.push({
            position,
            account_id: accountId,
            score: event.data.score,
            at: recorded.metadata.occurredAt ?? recorded.recordedAt.toISOString(),
          });
          return;
      }
    });
    await bulkUpsert(
      tx,
      t('accounts'),
      ACCOUNT_COLUMNS,
      ['account_id'],
      [...changedAccounts].map((id) => accounts.get(id) as Row),
    );
    await bulkUpsert(tx, t('changes'), CHANGE_COLUMNS, ['position'], changes);
    await bulkUpsert(tx, t('nps'), NPS_COLUMNS, ['position'], nps);
  },
};
