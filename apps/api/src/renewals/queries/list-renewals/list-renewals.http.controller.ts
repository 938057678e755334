import { Controller, Get, Inject } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { CLOCK, type Clock } from '@app/commanding';
import { openWorkOf, renewingAccounts } from '@app/projections';
import { ApiAnswer } from '../../../openapi/api-answer.decorator';
import type { RenewalsResponse } from '../../../openapi/responses';
import { Authorized } from '../../../shared/auth/auth.guard';
import { MinPosition, ReadsYourWrites } from '../../../shared/min-position.decorator';
import { ReadModels } from '../../../shared/read-model';
import { ValidQuery } from '../../../shared/request.decorators';
import { ListRenewalsRequest } from './list-renewals.request';

/** 30, 60 or 90: the window a renewal falls in (or `withinDays` beyond 90). */
const windowOf = (days: number, withinDays: number) =>
  days <= 30 ? 30 : days <= 60 ? 60 : days <= 90 ? 90 : withinDays;

/** Accounts renewing soon (retention read model) with what could put the renewal at risk (SLA read model). */
@ApiTags('renewals')
@Controller('v1/renewals')
export class ListRenewalsHttpController {
  constructor(
    private readonly readModels: ReadModels,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @ApiOperation({
    summary:
      'Accounts renewing within the next days (30/60/90 windows), with open tickets and breaches of the last 30 days.',
  })
  @Get()
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
