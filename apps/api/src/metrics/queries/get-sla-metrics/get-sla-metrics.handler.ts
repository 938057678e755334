import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { SLA_METRICS } from '@app/domain';
import { qualified } from '@app/projections';
import { ReadModels } from '../../../shared/read-model';
import { parsePeriod, type Period } from '../../period';
import { GetSlaMetricsQuery } from './get-sla-metrics.query';

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

const KEYS = { tier: 'tier', policy: "coalesce(policy_id, 'none')", account: 'account_id' } as const;
const round = (value: number | null) => (value === null ? null : Math.round(value * 1000) / 1000);

/**
 * SLA and support metrics for a period (docs/design.md §4): compliance = achieved ÷ (achieved + breached)
 * over targets that ended in the period (running ones do not count yet); business minutes to first
 * response and resolution (median, p90); breaches recorded in the period; tickets opened; CSAT.
 */
@QueryHandler(GetSlaMetricsQuery)
export class GetSlaMetricsHandler implements IQueryHandler<
  GetSlaMetricsQuery,
  { period: Period; groupBy: string | null; groups: SlaMetricsGroup[] }
> {
  constructor(private readonly readModels: ReadModels) {}

  async execute({ request, minPosition }: GetSlaMetricsQuery) {
    const period = parsePeriod(request.period);
    const schema = await this.readModels.schema('sla', minPosition);
    const key = request.groupBy ? KEYS[request.groupBy] : `'all'`;
    const filters = `($3::text IS NULL OR tier = $3) AND ($4::text IS NULL OR account_id = $4) AND ($5::text IS NULL OR policy_id = $5)`;
    const params = [period.from, period.to, request.tier ?? null, request.accountId ?? null, request.policyId ?? null];
    const [targets, minutes, breaches, tickets] = await Promise.all([
      this.readModels.pool.query(
        `SELECT ${key} AS key, metric, count(*) FILTER (WHERE outcome = 'achieved')::int AS achieved, count(*) FILTER (WHERE outcome = 'breached')::int AS breached
           FROM ${qualified(schema, 'targets')} WHERE ended_at >= $1 AND ended_at < $2 AND ${filters} GROUP BY 1, 2`,
        params,
      ),
      this.readModels.pool.query(
        `SELECT ${key} AS key, metric, percentile_cont(0.5) WITHIN GROUP (ORDER BY business_minutes) AS median,
                percentile_cont(0.9) WITHIN GROUP (ORDER BY business_minutes) AS p90, count(*)::int AS count
           FROM ${qualified(schema, 'targets')}
          WHERE ended_at >= $1 AND ended_at < $2 AND outcome IN ('achieved', 'breached') AND metric IN ('first_response', 'resolution') AND ${filters} GROUP BY 1, 2`,
        params,
      ),
      this.readModels.pool.query(
        `SELECT ${key} AS key, count(*)::int AS n FROM ${qualified(schema, 'targets')} WHERE breached_at >= $1 AND breached_at < $2 AND ${filters} GROUP BY 1`,
        params,
      ),
      this.readModels.pool.query(
        `SELECT ${key} AS key, count(*) FILTER (WHERE opened_at >= $1 AND opened_at < $2)::int AS volume,
                avg(csat_score) FILTER (WHERE csat_at >= $1 AND csat_at < $2) AS csat, count(csat_score) FILTER (WHERE csat_at >= $1 AND csat_at < $2)::int AS responses
           FROM ${qualified(schema, 'tickets')} WHERE ((opened_at >= $1 AND opened_at < $2) OR (csat_at >= $1 AND csat_at < $2)) AND ${filters} GROUP BY 1`,
        params,
      ),
    ]);
    const groups = new Map<string, SlaMetricsGroup>();
    const group = (name: string): SlaMetricsGroup => {
      let found = groups.get(name);
      if (!found) {
        const none = { median: null, p90: null, count: 0 };
        found = {
          key: name,
          compliance: Object.fromEntries(
            SLA_METRICS.map((metric) => [metric, { achieved: 0, breached: 0, rate: null }]),
          ),
          firstResponseMinutes: { ...none },
          resolutionMinutes: { ...none },
          breaches: 0,
          volume: 0,
          csat: { average: null, responses: 0 },
        };
        groups.set(name, found);
      }
      return found;
    };
    for (const row of targets.rows)
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
    if (!request.groupBy) group('all');
    return {
      period,
      groupBy: request.groupBy ?? null,
      groups: [...groups.values()].sort((a, b) => a.key.localeCompare(b.key)),
    };
  }
}
