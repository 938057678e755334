import type { Tier } from '@app/domain';
import { qualified, type ReadModel } from '../projection';

export interface RetentionFigures {
  currency: string;
  accountsAtStart: number;
  arrAtStart: number;
  arrAtEnd: number;
  expansion: number;
  contraction: number;
  churn: number;
  churnedAccounts: number;
  grr: number | null;
  nrr: number | null;
  logoRetention: number | null;
}

const ratio = (value: number, of: number) => (of > 0 ? Math.round((value / of) * 10000) / 10000 : null);

interface FiguresRow {
  currency: string;
  accounts: number;
  start_arr: number;
  end_arr: number;
  expansion: number;
  contraction: number;
  churn: number;
  churned: number;
}

const figuresOf = (row: FiguresRow): RetentionFigures => ({
  currency: row.currency,
  accountsAtStart: row.accounts,
  arrAtStart: row.start_arr,
  arrAtEnd: row.end_arr,
  expansion: row.expansion,
  contraction: row.contraction,
  churn: row.churn,
  churnedAccounts: row.churned,
  grr: ratio(row.start_arr - row.contraction - row.churn, row.start_arr),
  nrr: ratio(row.start_arr + row.expansion - row.contraction - row.churn, row.start_arr),
  logoRetention: row.accounts > 0 ? ratio(row.accounts - row.churned, row.accounts) : null,
});

/**
 * Retention for a period (docs/design.md §4), per currency (ARR is never summed across currencies).
 * Cohort: accounts with ARR at the period start (changes effective before it). Over changes
 * effective in the period: GRR = (start − contraction − churn) ÷ start, NRR = (start + expansion −
 * contraction − churn) ÷ start, logo retention = 1 − churned ÷ cohort. New accounts are excluded
 * from both; `arrAtEnd` counts every account.
 */
export async function retentionFigures(
  model: ReadModel,
  period: { from: string; to: string },
  tier: Tier | undefined,
): Promise<RetentionFigures[]> {
  const [changes, accounts] = [qualified(model.schema, 'changes'), qualified(model.schema, 'accounts')];
  const arrAt = (bound: string) =>
    `SELECT DISTINCT ON (c.account_id) c.account_id, c.arr_after, c.currency FROM ${changes} c JOIN ${accounts} a USING (account_id)
      WHERE c.effective_date < ${bound} AND ($3::text IS NULL OR a.tier = $3) ORDER BY c.account_id, c.effective_date DESC, c.position DESC`;
  const { rows } = await model.pool.query<FiguresRow>(
    `WITH cohort AS (SELECT account_id, arr_after AS start_arr, currency FROM (${arrAt('$1::date')}) s WHERE arr_after > 0),
          moves AS (
            SELECT c.account_id,
                   sum(c.arr_after - c.arr_before) FILTER (WHERE c.kind <> 'churn' AND c.arr_after > c.arr_before) AS expansion,
                   sum(c.arr_before - c.arr_after) FILTER (WHERE c.kind <> 'churn' AND c.arr_after < c.arr_before) AS contraction,
                   sum(c.arr_before) FILTER (WHERE c.kind = 'churn') AS churn,
                   bool_or(c.kind = 'churn') AS churned
              FROM ${changes} c JOIN cohort USING (account_id)
             WHERE c.effective_date >= $1::date AND c.effective_date < $2::date GROUP BY c.account_id),
          start_figures AS (
            SELECT cohort.currency, count(*)::int AS accounts, sum(start_arr)::float8 AS start_arr, coalesce(sum(expansion), 0)::float8 AS expansion,
                   coalesce(sum(contraction), 0)::float8 AS contraction, coalesce(sum(churn), 0)::float8 AS churn, count(*) FILTER (WHERE churned)::int AS churned
              FROM cohort LEFT JOIN moves USING (account_id) GROUP BY cohort.currency),
          end_figures AS (SELECT currency, sum(arr_after)::float8 AS end_arr FROM (${arrAt('$2::date')}) e GROUP BY currency)
     SELECT coalesce(s.currency, e.currency) AS currency, coalesce(s.accounts, 0) AS accounts, coalesce(s.start_arr, 0) AS start_arr, coalesce(e.end_arr, 0) AS end_arr,
            coalesce(s.expansion, 0) AS expansion, coalesce(s.contraction, 0) AS contraction, coalesce(s.churn, 0) AS churn, coalesce(s.churned, 0) AS churned
       FROM start_figures s FULL JOIN end_figures e USING (currency) ORDER BY 1`,
    [period.from, period.to, tier ?? null],
  );
  return rows.map(figuresOf);
}

/** An account as the retention read model holds it now: its renewal, whether it churned, its latest NPS by `now`. */
export interface AccountStanding {
  daysToRenewal: number;
  churned: boolean;
  lastNps: number | null;
}

export async function accountStanding(model: ReadModel, accountId: string, now: Date): Promise<AccountStanding | null> {
  const { rows } = await model.pool.query<AccountStanding>(
    `SELECT (a.renewal_date - $2::date) AS "daysToRenewal", a.churned_on IS NOT NULL AS churned,
            (SELECT score FROM ${qualified(model.schema, 'nps')} n WHERE n.account_id = $1 AND n.at <= $3 ORDER BY n.position DESC LIMIT 1) AS "lastNps"
       FROM ${qualified(model.schema, 'accounts')} a WHERE a.account_id = $1`,
    [accountId, now.toISOString().slice(0, 10), now],
  );
  return rows[0] ?? null;
}

/** An account not churned whose renewal falls within `withinDays` of `today`. */
export interface RenewingAccount {
  accountId: string;
  name: string;
  tier: string;
  ownerId: string;
  renewalDate: string;
  daysToRenewal: number;
  arr: { amountMinor: number; currency: string };
}

/** Accounts renewing from `today` to `withinDays` later, by renewal date. */
export async function renewingAccounts(
  model: ReadModel,
  today: string,
  withinDays: number,
): Promise<RenewingAccount[]> {
  const { rows } = await model.pool.query(
    `SELECT account_id, name, tier, owner_id, to_char(renewal_date, 'YYYY-MM-DD') AS renewal_date, (renewal_date - $1::date) AS days, arr_minor, currency
       FROM ${qualified(model.schema, 'accounts')}
      WHERE churned_on IS NULL AND renewal_date >= $1::date AND renewal_date <= $1::date + $2::int
      ORDER BY renewal_date, account_id`,
    [today, withinDays],
  );
  return rows.map((row) => ({
    accountId: row.account_id,
    name: row.name,
    tier: row.tier,
    ownerId: row.owner_id,
    renewalDate: row.renewal_date,
    daysToRenewal: row.days,
    arr: { amountMinor: Number(row.arr_minor), currency: row.currency },
  }));
}
