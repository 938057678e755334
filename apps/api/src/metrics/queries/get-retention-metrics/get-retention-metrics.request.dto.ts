import { IsIn, IsOptional, IsString } from 'class-validator';
import { TIERS, type Tier } from '@app/domain';

export class GetRetentionMetricsRequest {
  /** 2026, 2026-Q3 or 2026-07 (UTC). */
  @IsString()
  period: string;

  /** Accounts of this tier (their current tier). */
  @IsOptional()
  @IsIn(TIERS, { message: `must be one of ${TIERS.join(', ')}` })
  tier?: Tier;
}
