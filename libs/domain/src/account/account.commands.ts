import type { Each } from '../shared/domain-error';
import type { Money, Tier } from '../shared/support-types';
import type { AccountProfile, Contact, RiskReason } from './account.events';

/** Every account command names its account; dates are `YYYY-MM-DD` contract dates. */
export type AccountCommand = Each<
  { accountId: string },
  /** `slaPolicyExists` is looked up by the caller: an override must name a defined policy. */
  | ({ kind: 'OnboardAccount'; slaPolicyExists: boolean } & AccountProfile)
  | { kind: 'ChangeTier'; tier: Tier }
  | { kind: 'ChangeOwner'; ownerId: string }
  | { kind: 'AddContact'; contact: Contact }
  | { kind: 'RemoveContact'; contactId: string }
  | { kind: 'RenewContract'; arr: Money; renewalDate: string; effectiveDate: string }
  | { kind: 'ExpandContract'; delta: Money; effectiveDate: string }
  | { kind: 'ContractContract'; delta: Money; effectiveDate: string }
  | { kind: 'ChurnAccount'; reason: string; effectiveDate: string }
  | { kind: 'RecordNps'; score: number; contactId: string | null; comment: string | null }
  /** From the triggers: the reasons it sees at `at`; a no-op while the account is flagged. */
  | { kind: 'FlagAccountRisk'; reasons: RiskReason[]; at: string }
  /** Erases a contact's personal data (any contact the account ever had); a no-op once erased. */
  | { kind: 'EraseContact'; contactId: string; reason: string; erasedBy: string; at: string }
  /** Erases the personal data of a churned account and all its contacts; a no-op once erased. */
  | { kind: 'EraseAccount'; reason: string; erasedBy: string; at: string }
  /** From the triggers: none of the reasons hold any more; a no-op unless flagged. */
  | { kind: 'ClearAccountRisk'; at: string }
>;
