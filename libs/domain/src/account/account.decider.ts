import type { Decider } from '../decider';
import { InvalidInputError, NotFoundError, RuleViolationError } from '../shared/domain-error';
import { isTimeZone, type Money } from '../shared/support-types';
import type { AccountCommand } from './account.commands';
import type { AccountEvent, AccountProfile, Contact, RiskReason } from './account.events';

export interface Account extends AccountProfile {
  contacts: Contact[];
  churned: { reason: string; effectiveDate: string } | null;
  lastNps: number | null;
  /** Set by the triggers while the account is flagged at risk. */
  riskReasons: RiskReason[] | null;
  /** Contacts removed from the account: their personal data can still be erased. */
  removedContactIds: string[];
  erasedContactIds: string[];
  /** When the account's own personal data (and all its contacts') was erased. */
  erasedAt: string | null;
}

export type AccountState = { exists: false } | ({ exists: true } & Account);

function sameCurrency(field: string, money: Money, arr: Money): void {
  if (money.currency !== arr.currency)
    throw new InvalidInputError(`${field}.currency`, `must be the contract currency ${arr.currency}`);
}

function withoutContact(contacts: Contact[], contactId: string): Contact[] {
  return contacts.filter((contact) => contact.contactId !== contactId);
}

type Erasure<Kind> = Extract<AccountCommand, { kind: Kind }>;

/** Also on a churned account: the right to erasure outlives the contract. */
function eraseContact(command: Erasure<'EraseContact'>, state: AccountState): AccountEvent[] {
  if (!state.exists) throw new NotFoundError('account', command.accountId);
  const { accountId, contactId, reason, erasedBy, at } = command;
  if (state.erasedContactIds.includes(contactId) || state.erasedAt !== null) return [];
  const known = state.contacts.some((c) => c.contactId === contactId) || state.removedContactIds.includes(contactId);
  if (!known) throw new NotFoundError('contact', contactId);
  return [{ type: 'ContactErased', data: { accountId, contactId, reason, erasedBy, at } }];
}

/** Only once churned: an account still served keeps the data it is served with. */
function eraseAccount(command: Erasure<'EraseAccount'>, state: AccountState): AccountEvent[] {
  if (!state.exists) throw new NotFoundError('account', command.accountId);
  if (state.erasedAt !== null) return [];
  if (!state.churned)
    throw new RuleViolationError(
      'account_not_churned',
      `account ${state.accountId} has not churned; churn it before erasing it, or erase single contacts`,
    );
  const { accountId, reason, erasedBy, at } = command;
  return [{ type: 'AccountErased', data: { accountId, reason, erasedBy, at } }];
}

function active(state: AccountState, accountId: string): Account {
  if (!state.exists) throw new NotFoundError('account', accountId);
  if (state.churned)
    throw new RuleViolationError(
      'account_churned',
      `account ${state.accountId} churned on ${state.churned.effectiveDate}`,
      { effectiveDate: state.churned.effectiveDate },
    );
  return state;
}

/** Accounts and their contracts (docs/design.md §4). A churned account accepts nothing further. */
export const accountDecider: Decider<AccountCommand, AccountEvent, AccountState> = {
  initialState: { exists: false },

  evolve(state, event) {
    if (event.type === 'AccountOnboarded')
      return {
        exists: true,
        ...event.data,
        contacts: [],
        churned: null,
        lastNps: null,
        riskReasons: null,
        removedContactIds: [],
        erasedContactIds: [],
        erasedAt: null,
      };
    if (!state.exists) return state;
    switch (event.type) {
      case 'AccountTierChanged':
        return { ...state, tier: event.data.to };
      case 'AccountOwnerChanged':
        return { ...state, ownerId: event.data.to };
      case 'ContactAdded': {
        const { accountId: _accountId, ...contact } = event.data;
        return { ...state, contacts: [...state.contacts, contact] };
      }
      case 'ContactRemoved':
        return {
          ...state,
          contacts: withoutContact(state.contacts, event.data.contactId),
          removedContactIds: [...state.removedContactIds, event.data.contactId],
        };
      case 'ContactErased':
        return {
          ...state,
          contacts: withoutContact(state.contacts, event.data.contactId),
          removedContactIds: state.removedContactIds.filter((id) => id !== event.data.contactId),
          erasedContactIds: [...state.erasedContactIds, event.data.contactId],
        };
      case 'AccountErased':
        return { ...state, erasedAt: event.data.at };
      case 'ContractRenewed':
        return { ...state, arr: event.data.arr, renewalDate: event.data.renewalDate };
      case 'ContractExpanded':
      case 'ContractContracted':
        return { ...state, arr: event.data.arr };
      case 'AccountChurned':
        return { ...state, churned: { reason: event.data.reason, effectiveDate: event.data.effectiveDate } };
      case 'NpsRecorded':
        return { ...state, lastNps: event.data.score };
      case 'AccountFlaggedAtRisk':
        return { ...state, riskReasons: event.data.reasons };
      case 'AccountRiskCleared':
        return { ...state, riskReasons: null };
    }
  },

  decide(command, state) {
    if (command.kind === 'OnboardAccount') {
      if (state.exists)
        throw new RuleViolationError('account_already_exists', `account ${command.accountId} already exists`);
      if (!isTimeZone(command.timeZone))
        throw new InvalidInputError('timeZone', `unknown IANA time zone '${command.timeZone}'`);
      if (command.renewalDate <= command.contractStart)
        throw new InvalidInputError('renewalDate', 'must be after contractStart');
      if (command.slaPolicyId !== null && !command.slaPolicyExists)
        throw new InvalidInputError('slaPolicyId', `SLA policy ${command.slaPolicyId} does not exist`);
      const { kind: _kind, slaPolicyExists: _exists, ...data } = command;
      return [{ type: 'AccountOnboarded', data }];
    }
    if (command.kind === 'EraseContact') return eraseContact(command, state);
    if (command.kind === 'EraseAccount') return eraseAccount(command, state);
    if (command.kind === 'ClearAccountRisk') {
      // Also after churn: a flag must not outlive the reasons, whatever else the account accepts.
      if (!state.exists) throw new NotFoundError('account', command.accountId);
      return state.riskReasons
        ? [
            {
              type: 'AccountRiskCleared',
              data: { accountId: state.accountId, reasons: state.riskReasons, at: command.at },
            },
          ]
        : [];
    }
    const account = active(state, command.accountId);
    const accountId = account.accountId;
    switch (command.kind) {
      case 'ChangeTier':
        if (command.tier === account.tier) return [];
        return [{ type: 'AccountTierChanged', data: { accountId, from: account.tier, to: command.tier } }];
      case 'ChangeOwner':
        if (command.ownerId === account.ownerId) return [];
        return [{ type: 'AccountOwnerChanged', data: { accountId, from: account.ownerId, to: command.ownerId } }];
      case 'AddContact': {
        const email = command.contact.email.toLowerCase();
        const existing = account.contacts.find(
          (contact) => contact.contactId === command.contact.contactId || contact.email.toLowerCase() === email,
        );
        if (existing)
          throw new RuleViolationError(
            'contact_already_exists',
            `contact ${existing.email} is already on the account`,
            { contactId: existing.contactId },
          );
        return [{ type: 'ContactAdded', data: { accountId, ...command.contact } }];
      }
      case 'RemoveContact':
        if (!account.contacts.some((contact) => contact.contactId === command.contactId))
          throw new NotFoundError('contact', command.contactId);
        return [{ type: 'ContactRemoved', data: { accountId, contactId: command.contactId } }];
      case 'RenewContract':
        sameCurrency('arr', command.arr, account.arr);
        if (command.renewalDate <= account.renewalDate)
          throw new InvalidInputError('renewalDate', `must be after the current renewal date ${account.renewalDate}`);
        return [
          {
            type: 'ContractRenewed',
            data: {
              accountId,
              previousArr: account.arr,
              arr: command.arr,
              previousRenewalDate: account.renewalDate,
              renewalDate: command.renewalDate,
              effectiveDate: command.effectiveDate,
            },
          },
        ];
      case 'ExpandContract':
        sameCurrency('delta', command.delta, account.arr);
        return [
          {
            type: 'ContractExpanded',
            data: {
              accountId,
              delta: command.delta,
              arr: { ...account.arr, amountMinor: account.arr.amountMinor + command.delta.amountMinor },
              effectiveDate: command.effectiveDate,
            },
          },
        ];
      case 'ContractContract':
        sameCurrency('delta', command.delta, account.arr);
        if (command.delta.amountMinor > account.arr.amountMinor) {
          throw new RuleViolationError(
            'contraction_exceeds_arr',
            `a contraction of ${command.delta.amountMinor} exceeds the ARR of ${account.arr.amountMinor}; churn the account instead`,
            { arr: account.arr },
          );
        }
        return [
          {
            type: 'ContractContracted',
            data: {
              accountId,
              delta: command.delta,
              arr: { ...account.arr, amountMinor: account.arr.amountMinor - command.delta.amountMinor },
              effectiveDate: command.effectiveDate,
            },
          },
        ];
      case 'ChurnAccount':
        return [
          {
            type: 'AccountChurned',
            data: { accountId, reason: command.reason, effectiveDate: command.effectiveDate, lostArr: account.arr },
          },
        ];
      case 'FlagAccountRisk':
        if (command.reasons.length === 0)
          throw new InvalidInputError('reasons', 'an account is flagged at risk with at least one reason');
        if (account.riskReasons) return [];
        return [{ type: 'AccountFlaggedAtRisk', data: { accountId, reasons: command.reasons, at: command.at } }];
      case 'RecordNps':
        if (command.contactId !== null && !account.contacts.some((contact) => contact.contactId === command.contactId))
          throw new InvalidInputError('contactId', `contact ${command.contactId} is not on the account`);
        return [
          {
            type: 'NpsRecorded',
            data: { accountId, score: command.score, contactId: command.contactId, comment: command.comment },
          },
        ];
    }
  },
};
