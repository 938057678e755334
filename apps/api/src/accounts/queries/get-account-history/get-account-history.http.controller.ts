import { Controller, Get } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiAnswer } from '../../../openapi/api-answer.decorator';
import type { AccountHistoryResponse } from '../../../openapi/responses';
import { Authorized } from '../../../shared/auth/auth.guard';
import { MinPosition, ReadsYourWrites } from '../../../shared/min-position.decorator';
import { GetAccountHistoryQuery } from './get-account-history.query';
import { GetAccountHistoryRequest } from './get-account-history.request';
import { PathParam, ValidQuery } from '../../../shared/request.decorators';

@ApiTags('accounts')
@Controller('v1/accounts')
export class GetAccountHistoryHttpController {
  constructor(private readonly queries: QueryBus) {}

  @ApiOperation({
    summary:
      "The account's events as the log recorded them (its stream and its tickets'), in log order, with metadata; read from the log, in proportion to the account's own events. Paged by `cursor`.",
  })
  @Get(':id/history')
  @ApiAnswer('AccountHistoryResponse')
  @ReadsYourWrites('the log can be read up to')
  @Authorized('read')
  getAccountHistory(
    @PathParam('id') id: string,
    @ValidQuery(GetAccountHistoryRequest) request: GetAccountHistoryRequest,
    @MinPosition() minPosition?: string,
  ): Promise<AccountHistoryResponse> {
    return this.queries.execute(new GetAccountHistoryQuery(id, request, minPosition));
  }
}
