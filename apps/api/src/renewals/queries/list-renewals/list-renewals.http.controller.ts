import { Controller, Get } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Authorized } from '../../../shared/auth/auth.guard';
import { ListRenewalsQuery } from './list-renewals.query';
import { ListRenewalsRequest } from './list-renewals.request';
import { ApiAnswer } from '../../../openapi/api-answer.decorator';
import type { RenewalsResponse } from '../../../openapi/responses';
import { MinPosition, ReadsYourWrites } from '../../../shared/min-position.decorator';
import { ValidQuery } from '../../../shared/request.decorators';

@ApiTags('renewals')
@Controller('v1/renewals')
export class ListRenewalsHttpController {
  constructor(private readonly queries: QueryBus) {}

  @ApiOperation({
    summary:
      'Accounts renewing within the next days (30/60/90 windows), with open tickets and breaches of the last 30 days.',
  })
  @Get()
  @ApiAnswer('RenewalsResponse')
  @ReadsYourWrites()
  @Authorized('read')
  listRenewals(
    @ValidQuery(ListRenewalsRequest) request: ListRenewalsRequest,
    @MinPosition() minPosition?: string,
  ): Promise<RenewalsResponse> {
    return this.queries.execute(new ListRenewalsQuery(request, minPosition));
  }
}
