import type { Tier } from '@app/domain';
import { BusCommand } from '../../bus-command';

export interface ChangeTier {
  tier: Tier;
}

export class ChangeTierCommand extends BusCommand<ChangeTier> {}
