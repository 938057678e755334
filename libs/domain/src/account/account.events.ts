import type { DomainEvent } from '../shared/domain-error';
import type { Money, Tier } from '../shared/support-types';

export const CONTACT_ROLES = ['executive', 'technical', 'procurement', 'user'] as const;
export type ContactRole = (typeof CONTACT_ROLES)[number];

export interface Contact {
  contactId: string;
  name: string;
  email: string;
  role: ContactRole;
}

/** What an account is onboarded with (docs/design.md §4); dates are `YYYY-MM-DD`. */
export interface AccountProfile {
  accountId: string;
  name: string;
  tier: Tier;
  arr: Money;
  contractStart: string;
  renewalDate: string;
  ownerId: string;
  timeZone: string;
  /** An SLA policy that beats matching by tier. */
  slaPolicyId: string | null;
}

export type AccountEvent =
  | DomainEvent<'AccountOnboarded', AccountProfile>
  | DomainEvent<'AccountTierChanged', { accountId: string; from: Tier; to: Tier }>
  | DomainEvent<'AccountOwnerChanged', { accountId: string; from: string; to: string }>
  | DomainEvent<'ContactAdded', Contact & { accountId: string }>
  | DomainEvent<'ContactRemoved', { accountId: string; contactId: string }>
  | DomainEvent<
      'ContractRenewed',
      {
        accountId: string;
        previousArr: Money;
        arr: Money;
        previousRenewalDate: string;
        renewalDate: string;
        effectiveDate: string;
      }
    >
  | DomainEvent<'ContractExpanded', { accountId: string; delta: Money; arr: Money; effectiveDate: string }>
  | DomainEvent<'ContractContracted', { accountId: string; delta: Money; arr: Money; effectiveDate: string }>
  | DomainEvent<'AccountChurned', { accountId: string; reason: string; effectiveDate: string; lostArr: Money }>
  | DomainEvent<'NpsRecorded', { accountId: string; score: number; contactId: string | null; comment: string | null }>
  | DomainEvent<'AccountFlaggedAtRisk', { accountId: string; reasons: RiskReason[]; at: string }>
  | DomainEvent<'AccountRiskCleared', { accountId: string; reasons: RiskReason[]; at: string }>
  /** Erasures (docs/architecture.md, "Personal data"): who asked, when and why; never the personal data itself. */
  | DomainEvent<'ContactErased', { accountId: string; contactId: string; reason: string; erasedBy: string; at: string }>
  | DomainEvent<'AccountErased', { accountId: string; reason: string; erasedBy: string; at: string }>;

/** Why the triggers flag an account (docs/design.md §6): a renewal close by, with open urgent/high tickets or a recent breach. */
export type RiskReason =
  | { code: 'renewal_with_open_urgent_tickets'; renewalDate: string; openTickets: number }
  | { code: 'renewal_with_recent_breach'; renewalDate: string; lastBreachAt: string };
