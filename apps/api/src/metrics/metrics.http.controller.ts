import { Controller, Get, Inject } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { CLOCK, type Clock } from '@app/commanding';
import { openWorkOf, renewingAccounts, retentionFigures, slaMetrics } from '@app/projections';
import { ApiAnswer } from '../openapi/api-answer.decorator';
import type { RenewalsResponse, RetentionMetricsResponse, SlaMetricsResponse } from '../openapi/responses';
import { Authorized } from '../shared/auth/auth.guard';
import { MinPosition, ReadsYourWrites } from '../shared/min-position.decorator';
import { ReadModels } from '../shared/read-model';
import { ValidQuery } from '../shared/request.decorators';
import { GetRetentionMetricsRequest, GetSlaMetricsRequest, ListRenewalsRequest } from './metrics.requests';
import { parsePeriod } from './period';

/** 30, 60 or 90: the window a renewal falls in (or `withinDays` beyond 90). */
const windowOf = (days: number, withinDays: number) =>
  days <= 30 ? 30 : days <= 60 ? 60 : days <= 90 ? 90 : withinDays;

/** Figures over periods (SLA and retention read models) and the renewals coming up. */
@Controller('v1')
export class MetricsHttpController {
  constructor(
    private readonly readModels: ReadModels,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @ApiTags('metrics')
  @ApiOperation({
    summary:
      'SLA compliance per metric, business minutes to first response and resolution (median, p90), breaches, volume and CSAT for a period.',
  })
  @Get('metrics/sla')
  @ApiAnswer('SlaMetricsResponse')
  @ReadsYourWrites()
  @Authorized('read')
  async getSlaMetrics(
    @ValidQuery(GetSlaMetricsRequest) { period: label, ...filter }: GetSlaMetricsRequest,
    @MinPosition() minPosition?: string,
  ): Promise<SlaMetricsResponse> {
    const period = parsePeriod(label);
    const groups = await slaMetrics(await this.readModels.open('sla', minPosition), period, filter);
    return { period, groupBy: filter.groupBy ?? null, groups };
  }

  @ApiTags('metrics')
  @ApiOperation({ summary: 'ARR at the start and end of a period, GRR, NRR and logo retention, per currency.' })
  @Get('metrics/retention')
  @ApiAnswer('RetentionMetricsResponse')
  @ReadsYourWrites()
  @Authorized('read')
  async getRetentionMetrics(
    @ValidQuery(GetRetentionMetricsRequest) request: GetRetentionMetricsRequest,
    @MinPosition() minPosition?: string,
  ): Promise<RetentionMetricsResponse> {
    const period = parsePeriod(request.period);
    const model = await this.readModels.open('retention', minPosition);
    return { period, tier: request.tier ?? null, currencies: await retentionFigures(model, period, request.tier) };
  }

  @ApiOperation({
    summary:
      'Accounts renewing within the next days (30/60/90 windows), with open tickets and breaches of the last 30 days.',
  })
  @ApiTags('renewals')
  @Get('renewals')
  @ApiAnswer('RenewalsResponse')
  @ReadsYourWrites()
  @Authorized('read')
  async listRenewals(
    @ValidQuery(ListRenewalsRequest) request: ListRenewalsRequest,
    @MinPosition() minPosition?: string,
  ): Promise<RenewalsResponse> {
    const withinDays = request.withinDays ?? 90;
    const now = this.clock.now();
    const today = now.toISOString().slice(0, 10);
    const [retention, sla] = [
      await this.readModels.open('retention', minPosition),
      await this.readModels.open('sla', minPosition),
    ];
    const accounts = await renewingAccounts(retention, today, withinDays);
    const work = await openWorkOf(
      sla,
      accounts.map((account) => account.accountId),
      now,
    );
    const renewals = accounts.map(({ renewalDate, daysToRenewal, arr, ...account }) => ({
      ...account,
      renewalDate,
      daysToRenewal,
      window: windowOf(daysToRenewal, withinDays),
      arr,
      ...work.get(account.accountId)!,
    }));
    return { asOf: today, withinDays, renewals };
  }
}
