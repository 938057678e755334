import { IsIn } from 'class-validator';
import { TIERS, type Tier } from '@app/domain';

export class ChangeTierRequest {
  @IsIn(TIERS, { message: `must be one of ${TIERS.join(', ')}` })
  tier: Tier;
}
