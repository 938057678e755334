import { Controller, Get, Param, Res } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { AccountState } from '@app/domain';
import type { CurrentState } from '../../../shared/current-state.reader';
import { Authorized } from '../../../shared/auth/auth.guard';
import { withETag } from '../../../shared/etag';
import { IdPipe } from '../../../shared/stream-id.pipe';
import { GetAccountQuery } from './get-account.query';
import { ApiAnswer } from '../../../openapi/api-answer.decorator';
import type { AccountResponse } from '../../../openapi/responses';

@ApiTags('accounts')
@Controller('v1/accounts')
export class GetAccountHttpController {
  constructor(private readonly queries: QueryBus) {}

  /** The account as of its latest revision (the ETag): tier, contract, owner, contacts, churn, last NPS. */
  @Get(':id')
  @ApiAnswer('AccountResponse')
  @Authorized('read')
  async getAccount(
    @Param('id', IdPipe) id: string,
    @Res({ passthrough: true }) response: Response,
  ): Promise<AccountResponse> {
    const { state, revision } = await this.queries.execute<
      GetAccountQuery,
      CurrentState<AccountState & { exists: true }>
    >(new GetAccountQuery(id));
    const { exists: _exists, accountId, ...account } = state;
    return withETag(response, revision, { id: accountId, ...account });
  }
}
