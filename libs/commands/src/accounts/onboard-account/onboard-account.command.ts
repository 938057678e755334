import type { AccountProfile } from '@app/domain';
import { BusCommand } from '../../bus-command';

/** The profile to onboard with; the id may be chosen by the caller, the SLA policy left out. */
export type OnboardAccount = Omit<AccountProfile, 'accountId' | 'slaPolicyId'> & { id?: string; slaPolicyId?: string };

export class OnboardAccountCommand extends BusCommand<OnboardAccount> {}
