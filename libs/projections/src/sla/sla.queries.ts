import { SLA_METRICS, type Tier } from '@app/domain';
import { qualified, type ReadModel } from '../projection';

interface Minutes {
  median: number | null;
  p90: number | null;
  count: number;
}

export interface SlaMetricsGroup {
  key: string;
  compliance: Record<string, { achieved: number; breached: number; rate: number | null }>;
  firstResponseMinutes: Minutes;
  resolutionMinutes: Minutes;
  breaches: number;
  volume: number;
  csat: { average: number | null; responses: number };
}

export interface SlaMetricsFilter {
  tier?: Tier;
  accountId?: string;
  policyId?: string;
  groupBy?: 'tier' | 'policy' | 'account';
}

const KEYS = { tier: 'tier', policy: "coalesce(policy_id, 'none')", account: 'account_id' } as const;
const FILTERS = `($3::text IS NULL OR tier = $3) AND ($4::text IS NULL OR account_id = $4) AND ($5::text IS NULL OR policy_id = $5)`;
const round = (value: number | null) => (value === null ? null : Math.round(value * 1000) / 1000);

/** The statements of the metrics, each grouped by `key`, over `$1` ≤ time < `$2` and the filters. */
const statements = (schema: string, key: string) => {
  const [targets, tickets] = [qualified(schema, 'targets'), qualified(schema, 'tickets')];
  return {
    compliance: `SELECT ${key} AS key, metric, count(*) FILTER (WHERE outcome = 'achieved')::int AS achieved, count(*) FILTER (WHERE outcome = 'breached')::int AS breached
        FROM ${targets} WHERE ended_at >= $1 AND ended_at < $2 AND ${FILTERS} GROUP BY 1, 2`,
    minutes: `SELECT ${key} AS key, metric, percentile_cont(0.5) WITHIN GROUP (ORDER BY business_minutes) AS median,
             percentile_cont(0.9) WITHIN GROUP (ORDER BY business_minutes) AS p90, count(*)::int AS count
        FROM ${targets}
       WHERE ended_at >= $1 AND ended_at < $2 AND outcome IN ('achieved', 'breached') AND metric IN ('first_response', 'resolution') AND ${FILTERS} GROUP BY 1, 2`,
    breaches: `SELECT ${key} AS key, count(*)::int AS n FROM ${targets} WHERE breached_at >= $1 AND breached_at < $2 AND ${FILTERS} GROUP BY 1`,
    tickets: `SELECT ${key} AS key, count(*) FILTER (WHERE opened_at >= $1 AND opened_at < $2)::int AS volume,
             avg(csat_score) FILTER (WHERE csat_at >= $1 AND csat_at < $2) AS csat, count(csat_score) FILTER (WHERE csat_at >= $1 AND csat_at < $2)::int AS responses
        FROM ${tickets} WHERE ((opened_at >= $1 AND opened_at < $2) OR (csat_at >= $1 AND csat_at < $2)) AND ${FILTERS} GROUP BY 1`,
  };
};

function emptyGroup(key: string): SlaMetricsGroup {
  const none = { median: null, p90: null, count: 0 };
  return {
    key,
    compliance: Object.fromEntries(SLA_METRICS.map((metric) => [metric, { achieved: 0, breached: 0, rate: null }])),
    firstResponseMinutes: { ...none },
    resolutionMinutes: { ...none },
    breaches: 0,
    volume: 0,
    csat: { average: null, responses: 0 },
  };
}

/**
 * SLA and support metrics for a period (docs/design.md §4): compliance = achieved ÷ (achieved + breached)
 * over targets that ended in the period (running ones do not count yet); business minutes to first
 * response and resolution (median, p90); breaches recorded in the period; tickets opened; CSAT. One
 * group in all, or one per tier, policy or account.
 */
export async function slaMetrics(
  model: ReadModel,
  period: { from: string; to: string },
  filter: SlaMetricsFilter,
): Promise<SlaMetricsGroup[]> {
  const sql = statements(model.schema, filter.groupBy ? KEYS[filter.groupBy] : `'all'`);
  const params = [period.from, period.to, filter.tier ?? null, filter.accountId ?? null, filter.policyId ?? null];
  const [compliance, minutes, breaches, tickets] = await Promise.all(
    [sql.compliance, sql.minutes, sql.breaches, sql.tickets].map((statement) => model.pool.query(statement, params)),
  );
  const groups = new Map<string, SlaMetricsGroup>();
  const group = (key: string) => groups.get(key) ?? groups.set(key, emptyGroup(key)).get(key)!;
  for (const row of compliance.rows)
    group(row.key).compliance[row.metric] = {
      achieved: row.achieved,
      breached: row.breached,
      rate: row.achieved + row.breached > 0 ? round(row.achieved / (row.achieved + row.breached)) : null,
    };
  for (const row of minutes.rows)
    group(row.key)[row.metric === 'first_response' ? 'firstResponseMinutes' : 'resolutionMinutes'] = {
      median: round(row.median),
      p90: round(row.p90),
      count: row.count,
    };
  for (const row of breaches.rows) group(row.key).breaches = row.n;
  for (const row of tickets.rows)
    Object.assign(group(row.key), {
      volume: row.volume,
      csat: { average: round(row.csat === null ? null : Number(row.csat)), responses: row.responses },
    });
  if (!filter.groupBy) group('all');
  return [...groups.values()].sort((a, b) => a.key.localeCompare(b.key));
}

/** An account's support as the SLA read model saw it by `now`: the facts its health score weighs. */
export interface AccountSupportFacts {
  achieved90d: number;
  breached90d: number;
  openUrgentOrHigh: number;
  escalations90d: number;
  opened30d: number;
  opened30to90d: number;
  /** Average rating of the last 90 days, two decimals; null without one. */
  csatAverage90d: number | null;
}

export async function accountSupportFacts(
  model: ReadModel,
  accountId: string,
  now: Date,
): Promise<AccountSupportFacts> {
  const [targets, tickets] = [qualified(model.schema, 'targets'), qualified(model.schema, 'tickets')];
  const { rows } = await model.pool.query<AccountSupportFacts>(
    `SELECT (SELECT count(*) FROM ${targets} g WHERE g.account_id = $1 AND g.ended_at > $2::timestamptz - interval '90 days' AND g.ended_at <= $2 AND g.outcome = 'achieved')::int AS "achieved90d",
            (SELECT count(*) FROM ${targets} g WHERE g.account_id = $1 AND g.ended_at > $2::timestamptz - interval '90 days' AND g.ended_at <= $2 AND g.outcome = 'breached')::int AS "breached90d",
            (SELECT count(*) FROM ${tickets} t WHERE t.account_id = $1 AND t.is_open AND t.priority IN ('urgent', 'high'))::int AS "openUrgentOrHigh",
            (SELECT count(*) FROM ${qualified(model.schema, 'escalations')} e WHERE e.account_id = $1 AND e.at > $2::timestamptz - interval '90 days' AND e.at <= $2)::int AS "escalations90d",
            (SELECT count(*) FROM ${tickets} t WHERE t.account_id = $1 AND t.opened_at > $2::timestamptz - interval '30 days' AND t.opened_at <= $2)::int AS "opened30d",
            (SELECT count(*) FROM ${tickets} t WHERE t.account_id = $1 AND t.opened_at > $2::timestamptz - interval '90 days' AND t.opened_at <= $2::timestamptz - interval '30 days')::int AS "opened30to90d",
            (SELECT avg(csat_score)::float8 FROM ${tickets} t WHERE t.account_id = $1 AND t.csat_at > $2::timestamptz - interval '90 days' AND t.csat_at <= $2) AS "csatAverage90d"`,
    [accountId, now],
  );
  const [facts] = rows;
  return {
    ...facts,
    csatAverage90d: facts.csatAverage90d === null ? null : Math.round(facts.csatAverage90d * 100) / 100,
  };
}

/** Per account: open tickets, open urgent or high ones, and breaches of the 30 days before `now`. */
export interface AccountOpenWork {
  openTickets: number;
  openUrgentOrHigh: number;
  breachesLast30Days: number;
}

export async function openWorkOf(
  model: ReadModel,
  accountIds: string[],
  now: Date,
): Promise<Map<string, AccountOpenWork>> {
  const [targets, tickets] = [qualified(model.schema, 'targets'), qualified(model.schema, 'tickets')];
  const { rows } = await model.pool.query<AccountOpenWork & { accountId: string }>(
    `SELECT a.id AS "accountId",
            (SELECT count(*) FROM ${tickets} t WHERE t.account_id = a.id AND t.is_open)::int AS "openTickets",
            (SELECT count(*) FROM ${tickets} t WHERE t.account_id = a.id AND t.is_open AND t.priority IN ('urgent', 'high'))::int AS "openUrgentOrHigh",
            (SELECT count(*) FROM ${targets} g WHERE g.account_id = a.id AND g.breached_at >= $2::timestamptz - interval '30 days' AND g.breached_at <= $2)::int AS "breachesLast30Days"
       FROM unnest($1::text[]) AS a(id)`,
    [accountIds, now],
  );
  return new Map(rows.map(({ accountId, ...work }) => [accountId, work]));
}
