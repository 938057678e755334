import { IsIn, IsOptional, IsString, Matches } from 'class-validator';
import { TIERS, type Tier } from '@app/domain';
import { ID_PATTERN } from '../../../shared/stream-id.pipe';

export class GetSlaMetricsRequest {
  /** 2026, 2026-Q3 or 2026-07 (UTC). */
  @IsString()
  period: string;

  @IsOptional()
  @IsIn(TIERS, { message: `must be one of ${TIERS.join(', ')}` })
  tier?: Tier;

  @IsOptional()
  @Matches(ID_PATTERN, { message: 'must be an account id' })
  accountId?: string;

  @IsOptional()
  @Matches(ID_PATTERN, { message: 'must be an SLA policy id' })
  policyId?: string;

  /** One row per tier, policy or account instead of one total. */
  @IsOptional()
  @IsIn(['tier', 'policy', 'account'], { message: 'must be tier, policy or account' })
  groupBy?: 'tier' | 'policy' | 'account';
}
