import { Controller, Get, Param } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import { Authorized } from '../../../shared/auth/auth.guard';
import { IdPipe } from '../../../shared/stream-id.pipe';
import { GetAccountHealthQuery } from './get-account-health.query';
import { ApiAnswer } from '../../../openapi/api-answer.decorator';
import type { AccountHealthResponse } from '../../../openapi/responses';
import { MinPosition, ReadsYourWrites } from '../../../shared/min-position.decorator';

@ApiTags('accounts')
@Controller('v1/accounts')
export class GetAccountHealthHttpController {
  constructor(private readonly queries: QueryBus) {}

  /** Health score 0–100 with its band and every factor's value, score and weight. */
  @Get(':id/health')
  @ApiAnswer('AccountHealthResponse')
  @ReadsYourWrites()
  @Authorized('read')
  getAccountHealth(
    @Param('id', IdPipe) id: string,
    @MinPosition() minPosition?: string,
  ): Promise<AccountHealthResponse> {
    return this.queries.execute(new GetAccountHealthQuery(id, minPosition));
  }
}
