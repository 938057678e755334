import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { healthWeights, type AppConfig, type HealthFactor } from '@app/config';
import { CLOCK, type Clock } from '@app/commanding';
import { APP_CONFIG } from '@app/platform';
import { qualified } from '@app/projections';
import { ApiError } from '../../../shared/api-error';
import { ReadModels } from '../../../shared/read-model';
import { GetAccountHealthQuery } from './get-account-health.query';
import { healthScore, type HealthScore } from './health-score';

/** The account's health now: facts from the SLA and retention read models, scored with the configured weights. */
@QueryHandler(GetAccountHealthQuery)
export class GetAccountHealthHandler implements IQueryHandler<
  GetAccountHealthQuery,
  HealthScore & { accountId: string; asOf: string; churned: boolean }
> {
  private readonly weights: Record<HealthFactor, number>;

  constructor(
    private readonly readModels: ReadModels,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.weights = healthWeights(config);
  }

  async execute({ accountId, minPosition }: GetAccountHealthQuery) {
    const [sla, retention] = [
      await this.readModels.schema('sla', minPosition),
      await this.readModels.schema('retention', minPosition),
    ];
    const now = this.clock.now();
    const { rows } = await this.readModels.pool.query(
      `SELECT (a.renewal_date - $2::date) AS days_to_renewal, a.churned_on IS NOT NULL AS churned,
              (SELECT count(*) FROM ${qualified(sla, 'targets')} g WHERE g.account_id = $1 AND g.ended_at > $3::timestamptz - interval '90 days' AND g.ended_at <= $3 AND g.outcome = 'achieved')::int AS achieved,
              (SELECT count(*) FROM ${qualified(sla, 'targets')} g WHERE g.account_id = $1 AND g.ended_at > $3::timestamptz - interval '90 days' AND g.ended_at <= $3 AND g.outcome = 'breached')::int AS breached,
              (SELECT count(*) FROM ${qualified(sla, 'tickets')} t WHERE t.account_id = $1 AND t.is_open AND t.priority IN ('urgent', 'high'))::int AS open_urgent_high,
              (SELECT count(*) FROM ${qualified(sla, 'escalations')} e WHERE e.account_id = $1 AND e.at > $3::timestamptz - interval '90 days' AND e.at <= $3)::int AS escalations,
              (SELECT count(*) FROM ${qualified(sla, 'tickets')} t WHERE t.account_id = $1 AND t.opened_at > $3::timestamptz - interval '30 days' AND t.opened_at <= $3)::int AS opened_30,
              (SELECT count(*) FROM ${qualified(sla, 'tickets')} t WHERE t.account_id = $1 AND t.opened_at > $3::timestamptz - interval '90 days' AND t.opened_at <= $3::timestamptz - interval '30 days')::int AS opened_30_90,
              (SELECT avg(csat_score)::float8 FROM ${qualified(sla, 'tickets')} t WHERE t.account_id = $1 AND t.csat_at > $3::timestamptz - interval '90 days' AND t.csat_at <= $3) AS csat,
              (SELECT score FROM ${qualified(retention, 'nps')} n WHERE n.account_id = $1 AND n.at <= $3 ORDER BY n.position DESC LIMIT 1) AS nps
         FROM ${qualified(retention, 'accounts')} a WHERE a.account_id = $1`,
      [accountId, now.toISOString().slice(0, 10), now],
    );
    if (rows.length === 0)
      throw new ApiError(
        404,
        'account_not_found',
        `account ${accountId} does not exist (or is not in the read model yet)`,
      );
    const row = rows[0];
    const score = healthScore(
      {
        achieved90d: row.achieved,
        breached90d: row.breached,
        openUrgentOrHigh: row.open_urgent_high,
        escalations90d: row.escalations,
        opened30d: row.opened_30,
        opened30to90d: row.opened_30_90,
        csatAverage90d: row.csat === null ? null : Math.round(row.csat * 100) / 100,
        lastNps: row.nps,
        daysToRenewal: row.days_to_renewal,
      },
      this.weights,
    );
    return { accountId, asOf: now.toISOString(), churned: row.churned, ...score };
  }
}
