import { Controller, Get, Inject } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { CLOCK, type Clock } from '@app/commanding';
import { healthWeights, type AppConfig, type HealthFactor } from '@app/config';
import { APP_CONFIG } from '@app/platform';
import { accountStanding, accountSupportFacts } from '@app/projections';
import { ApiAnswer } from '../../../openapi/api-answer.decorator';
import type { AccountHealthResponse } from '../../../openapi/responses';
import { ApiError } from '../../../shared/api-error';
import { Authorized } from '../../../shared/auth/auth.guard';
import { MinPosition, ReadsYourWrites } from '../../../shared/min-position.decorator';
import { ReadModels } from '../../../shared/read-model';
import { PathParam } from '../../../shared/request.decorators';
import { healthScore } from './health-score';

/** The account's health now: facts from the SLA and retention read models, scored with the configured weights. */
@ApiTags('accounts')
@Controller('v1/accounts')
export class GetAccountHealthHttpController {
  private readonly weights: Record<HealthFactor, number>;

  constructor(
    private readonly readModels: ReadModels,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.weights = healthWeights(config);
  }

  @ApiOperation({ summary: "Health score 0–100 with its band and every factor's value, score and weight." })
  @Get(':id/health')
  @ApiAnswer('AccountHealthResponse')
  @ReadsYourWrites()
  @Authorized('read')
  async getAccountHealth(
    @PathParam('id') accountId: string,
    @MinPosition() minPosition?: string,
  ): Promise<AccountHealthResponse> {
    const now = this.clock.now();
    const [sla, retention] = [
      await this.readModels.open('sla', minPosition),
      await this.readModels.open('retention', minPosition),
    ];
    const standing = await accountStanding(retention, accountId, now);
    if (!standing)
      throw new ApiError(
        404,
        'account_not_found',
        `account ${accountId} does not exist (or is not in the read model yet)`,
      );
    const support = await accountSupportFacts(sla, accountId, now);
    const score = healthScore(
      { ...support, lastNps: standing.lastNps, daysToRenewal: standing.daysToRenewal },
      this.weights,
    );
    return { accountId, asOf: now.toISOString(), churned: standing.churned, ...score };
  }
}
