import type { Money, Tier } from '@app/domain';
import { BusCommand } from '../../bus-command';

export interface OnboardAccount {
  /** The id the caller chose for what it creates; generated when left out. */
  id?: string;
  name: string;
  tier: Tier;
  arr: Money;
  contractStart: string;
  renewalDate: string;
  ownerId: string;
  timeZone: string;
  slaPolicyId?: string;
}

export class OnboardAccountCommand extends BusCommand<OnboardAccount> {}
