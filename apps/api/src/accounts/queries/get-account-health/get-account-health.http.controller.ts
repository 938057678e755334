import { Controller, Get } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Authorized } from '../../../shared/auth/auth.guard';
import { GetAccountHealthQuery } from './get-account-health.query';
import { ApiAnswer } from '../../../openapi/api-answer.decorator';
import type { AccountHealthResponse } from '../../../openapi/responses';
import { MinPosition, ReadsYourWrites } from '../../../shared/min-position.decorator';
import { PathParam } from '../../../shared/request.decorators';

@ApiTags('accounts')
@Controller('v1/accounts')
export class GetAccountHealthHttpController {
  constructor(private readonly queries: QueryBus) {}

  @ApiOperation({ summary: "Health score 0–100 with its band and every factor's value, score and weight." })
  @Get(':id/health')
  @ApiAnswer('AccountHealthResponse')
  @ReadsYourWrites()
  @Authorized('read')
  getAccountHealth(@PathParam('id') id: string, @MinPosition() minPosition?: string): Promise<AccountHealthResponse> {
    return this.queries.execute(new GetAccountHealthQuery(id, minPosition));
  }
}
