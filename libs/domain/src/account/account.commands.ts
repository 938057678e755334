import type { Each } from '../shared/domain-error';
import type { Money, Tier } from '../shared/support-types';
import type { Contact } from './account.events';

/** `at` is the command's instant (ISO); dates (`YYYY-MM-DD`) are contract dates in the account's terms. */
export type AccountCommand = Each<{ accountId: string }, 
  | {
      kind: 'OnboardAccount';
      name: string;
      tier: Tier;
      arr: Money;
      contractStart: string;
      renewalDate: string;
      ownerId: string;
      timeZone: string;
      /** Override policy; `slaPolicyExists` is looked up by the caller. */
      slaPolicyId: string | null;
      slaPolicyExists: boolean;
    }
  | { kind: 'ChangeTier'; tier: Tier }
  | { kind: 'ChangeOwner'; ownerId: string }
  | { kind: 'AddContact'; contact: Contact }
  | { kind: 'RemoveContact'; contactId: string }
  | { kind: 'RenewContract'; arr: Money; renewalDate: string; effectiveDate: string }
  | { kind: 'ExpandContract'; delta: Money; effectiveDate: string }
  | { kind: 'ContractContract'; delta: Money; effectiveDate: string }
  | { kind: 'ChurnAccount'; reason: string; effectiveDate: string }
  | { kind: 'RecordNps'; score: number; contactId: string | null; comment: string | null }
>;
