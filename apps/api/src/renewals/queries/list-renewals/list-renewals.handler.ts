import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { CLOCK, type Clock } from '@app/commanding';
import { qualified } from '@app/projections';
import { ReadModels } from '../../../shared/read-model';
import { ListRenewalsQuery } from './list-renewals.query';

export interface Renewal {
  accountId: string;
  name: string;
  tier: string;
  ownerId: string;
  renewalDate: string;
  daysToRenewal: number;
  /** 30, 60 or 90: the window the renewal falls in (or withinDays beyond 90). */
  window: number;
  arr: { amountMinor: number; currency: string };
  openTickets: number;
  openUrgentOrHigh: number;
  breachesLast30Days: number;
}

/** Accounts renewing soon with what could put the renewal at risk: open tickets and recent breaches. */
@QueryHandler(ListRenewalsQuery)
export class ListRenewalsHandler implements IQueryHandler<
  ListRenewalsQuery,
  { asOf: string; withinDays: number; renewals: Renewal[] }
> {
  constructor(
    private readonly readModels: ReadModels,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ request, minPosition }: ListRenewalsQuery) {
    const withinDays = request.withinDays ?? 90;
    const [retention, sla] = [
      await this.readModels.schema('retention', minPosition),
      await this.readModels.schema('sla', minPosition),
    ];
    const now = this.clock.now();
    const today = now.toISOString().slice(0, 10);
    const { rows } = await this.readModels.pool.query(
      `SELECT a.account_id, a.name, a.tier, a.owner_id, to_char(a.renewal_date, 'YYYY-MM-DD') AS renewal_date, (a.renewal_date - $1::date) AS days, a.arr_minor, a.currency,
              (SELECT count(*) FROM ${qualified(sla, 'tickets')} t WHERE t.account_id = a.account_id AND t.is_open)::int AS open_tickets,
              (SELECT count(*) FROM ${qualified(sla, 'tickets')} t WHERE t.account_id = a.account_id AND t.is_open AND t.priority IN ('urgent', 'high'))::int AS open_urgent_high,
              (SELECT count(*) FROM ${qualified(sla, 'targets')} g WHERE g.account_id = a.account_id AND g.breached_at >= $3::timestamptz - interval '30 days' AND g.breached_at <= $3)::int AS breaches
         FROM ${qualified(retention, 'accounts')} a
        WHERE a.churned_on IS NULL AND a.renewal_date >= $1::date AND a.renewal_date <= $1::date + $2::int
        ORDER BY a.renewal_date, a.account_id`,
      [today, withinDays, now],
    );
    return {
      asOf: today,
      withinDays,
      renewals: rows.map((row) => ({
        accountId: row.account_id,
        name: row.name,
        tier: row.tier,
        ownerId: row.owner_id,
        renewalDate: row.renewal_date,
        daysToRenewal: row.days,
        window: row.days <= 30 ? 30 : row.days <= 60 ? 60 : row.days <= 90 ? 90 : withinDays,
        arr: { amountMinor: Number(row.arr_minor), currency: row.currency },
        openTickets: row.open_tickets,
        openUrgentOrHigh: row.open_urgent_high,
        breachesLast30Days: row.breaches,
      })),
    };
  }
}
