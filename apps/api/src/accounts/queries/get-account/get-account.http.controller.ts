import { Controller, Get, Res } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { AccountState } from '@app/domain';
import type { CurrentState } from '../../../shared/current-state.reader';
import { AsOfRequest } from '../../../shared/query-shapes';
import { Authorized } from '../../../shared/auth/auth.guard';
import { withETag } from '../../../shared/etag';
import { GetAccountQuery } from './get-account.query';
import { ApiAnswer } from '../../../openapi/api-answer.decorator';
import type { AccountResponse } from '../../../openapi/responses';
import { PathParam, ValidQuery } from '../../../shared/request.decorators';

@ApiTags('accounts')
@Controller('v1/accounts')
export class GetAccountHttpController {
  constructor(private readonly queries: QueryBus) {}

  @ApiOperation({
    summary:
      'The account as of its latest revision (the ETag), or as of `asOf`: tier, contract, owner, contacts, churn, last NPS.',
  })
  @Get(':id')
  @ApiAnswer('AccountResponse')
  @Authorized('read')
  async getAccount(
    @PathParam('id') id: string,
    @ValidQuery(AsOfRequest) request: AsOfRequest,
    @Res({ passthrough: true }) response: Response,
  ): Promise<AccountResponse> {
    const current = await this.queries.execute<GetAccountQuery, CurrentState<AccountState & { exists: true }>>(
      new GetAccountQuery(id, request.asOf),
    );
    const { exists: _exists, accountId, ...account } = current.state;
    return withETag(response, current, { id: accountId, ...account });
  }
}
