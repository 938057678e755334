import { IsIn } from 'class-validator';
import { TIERS, type Tier } from '@app/domain';
import type { ChangeTier } from '@app/commands';

export class ChangeTierRequest implements ChangeTier {
  @IsIn(TIERS, { message: `must be one of ${TIERS.join(', ')}` })
  tier: Tier;
}
