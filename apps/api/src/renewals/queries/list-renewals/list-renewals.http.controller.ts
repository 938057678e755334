import { Controller, Get, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import { Authorized } from '../../../shared/auth/auth.guard';
import { ListRenewalsQuery } from './list-renewals.query';
import { ListRenewalsRequest } from './list-renewals.request.dto';
import { ApiAnswer } from '../../../openapi/api-answer.decorator';
import type { RenewalsResponse } from '../../../openapi/responses';
import { MinPosition, ReadsYourWrites } from '../../../shared/min-position.decorator';

@ApiTags('renewals')
@Controller('v1/renewals')
export class ListRenewalsHttpController {
  constructor(private readonly queries: QueryBus) {}

  /** Accounts renewing within the next days (30/60/90 windows), with open tickets and breaches of the last 30 days. */
  @Get()
  @ApiAnswer('RenewalsResponse')
  @ReadsYourWrites()
  @Authorized('read')
  listRenewals(@Query() request: ListRenewalsRequest, @MinPosition() minPosition?: string): Promise<RenewalsResponse> {
    return this.queries.execute(new ListRenewalsQuery(request, minPosition));
  }
}
