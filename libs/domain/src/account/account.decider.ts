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

type Command<Kind extends AccountCommand['kind']> = Extract<AccountCommand, { kind: Kind }>;

function existing(state: AccountState, accountId: string): Account {
  if (!state.exists) throw new NotFoundError('account', accountId);
  return state;
}

/** An account that has not churned: every command but erasure and clearing a risk flag needs one. */
function active(state: AccountState, accountId: string): Account {
  const account = existing(state, accountId);
  if (account.churned)
    throw new RuleViolationError(
      'account_churned',
      `account ${account.accountId} churned on ${account.churned.effectiveDate}`,
      { effectiveDate: account.churned.effectiveDate },
    );
  return account;
}

function onboardAccount(command: Command<'OnboardAccount'>, state: AccountState): AccountEvent[] {
  if (state.exists)
    throw new RuleViolationError('account_already_exists', `account ${command.accountId} already exists`);
  if (!isTimeZone(command.timeZone))
    throw new InvalidInputError('timeZone', `unknown IANA time zone '${command.timeZone}'`);
  if (command.renewalDate <= command.contractStart)
    throw new InvalidInputError('renewalDate', 'must be after contractStart');
  if (command.slaPolicyId !== null && !command.slaPolicyExists)
    throw new InvalidInputError('slaPolicyId', `SLA policy ${command.slaPolicyId} does not exist`);
  const { accountId, name, tier, arr, contractStart, renewalDate, ownerId, timeZone, slaPolicyId } = command;
  const profile: AccountProfile = {
    accountId,
    name,
    tier,
    arr,
    contractStart,
    renewalDate,
    ownerId,
    timeZone,
    slaPolicyId,
  };
  return [{ type: 'AccountOnboarded', data: profile }];
}

/** Also on a churned account: the right to erasure outlives the contract. */
function eraseContact(command: Command<'EraseContact'>, state: AccountState): AccountEvent[] {
  const account = existing(state, command.accountId);
  const { accountId, contactId, reason, erasedBy, at } = command;
  if (account.erasedContactIds.includes(contactId) || account.erasedAt !== null) return [];
  const known =
    account.contacts.some((c) => c.contactId === contactId) || account.removedContactIds.includes(contactId);
  if (!known) throw new NotFoundError('contact', contactId);
  return [{ type: 'ContactErased', data: { accountId, contactId, reason, erasedBy, at } }];
}

/** Only once churned: an account still served keeps the data it is served with. */
function eraseAccount(command: Command<'EraseAccount'>, state: AccountState): AccountEvent[] {
  const account = existing(state, command.accountId);
  if (account.erasedAt !== null) return [];
  if (!account.churned)
    throw new RuleViolationError(
      'account_not_churned',
      `account ${account.accountId} has not churned; churn it before erasing it, or erase single contacts`,
    );
  const { accountId, reason, erasedBy, at } = command;
  return [{ type: 'AccountErased', data: { accountId, reason, erasedBy, at } }];
}

/** Also after churn: a flag must not outlive the reasons, whatever else the account accepts. */
function clearAccountRisk(command: Command<'ClearAccountRisk'>, state: AccountState): AccountEvent[] {
  const account = existing(state, command.accountId);
  if (!account.riskReasons) return [];
  return [
    {
      type: 'AccountRiskCleared',
      data: { accountId: account.accountId, reasons: account.riskReasons, at: command.at },
    },
  ];
}

function changeTier(command: Command<'ChangeTier'>, account: Account): AccountEvent[] {
  if (command.tier === account.tier) return [];
  return [{ type: 'AccountTierChanged', data: { accountId: account.accountId, from: account.tier, to: command.tier } }];
}

function changeOwner(command: Command<'ChangeOwner'>, account: Account): AccountEvent[] {
  if (command.ownerId === account.ownerId) return [];
  return [
    { type: 'AccountOwnerChanged', data: { accountId: account.accountId, from: account.ownerId, to: command.ownerId } },
  ];
}

function addContact({ contact }: Command<'AddContact'>, account: Account): AccountEvent[] {
  const email = contact.email.toLowerCase();
  const existingContact = account.contacts.find(
    (known) => known.contactId === contact.contactId || known.email.toLowerCase() === email,
  );
  if (existingContact)
    throw new RuleViolationError(
      'contact_already_exists',
      `contact ${existingContact.email} is already on the account`,
      { contactId: existingContact.contactId },
    );
  return [{ type: 'ContactAdded', data: { accountId: account.accountId, ...contact } }];
}

function removeContact({ contactId }: Command<'RemoveContact'>, account: Account): AccountEvent[] {
  if (!account.contacts.some((contact) => contact.contactId === contactId))
    throw new NotFoundError('contact', contactId);
  return [{ type: 'ContactRemoved', data: { accountId: account.accountId, contactId } }];
}

function renewContract(command: Command<'RenewContract'>, account: Account): AccountEvent[] {
  sameCurrency('arr', command.arr, account.arr);
  if (command.renewalDate <= account.renewalDate)
    throw new InvalidInputError('renewalDate', `must be after the current renewal date ${account.renewalDate}`);
  const data = {
    accountId: account.accountId,
    previousArr: account.arr,
    arr: command.arr,
    previousRenewalDate: account.renewalDate,
    renewalDate: command.renewalDate,
    effectiveDate: command.effectiveDate,
  };
  return [{ type: 'ContractRenewed', data }];
}

function expandContract({ delta, effectiveDate }: Command<'ExpandContract'>, account: Account): AccountEvent[] {
  sameCurrency('delta', delta, account.arr);
  const arr = { ...account.arr, amountMinor: account.arr.amountMinor + delta.amountMinor };
  return [{ type: 'ContractExpanded', data: { accountId: account.accountId, delta, arr, effectiveDate } }];
}

function contractContract({ delta, effectiveDate }: Command<'ContractContract'>, account: Account): AccountEvent[] {
  sameCurrency('delta', delta, account.arr);
  if (delta.amountMinor > account.arr.amountMinor)
    throw new RuleViolationError(
      'contraction_exceeds_arr',
      `a contraction of ${delta.amountMinor} exceeds the ARR of ${account.arr.amountMinor}; churn the account instead`,
      { arr: account.arr },
    );
  const arr = { ...account.arr, amountMinor: account.arr.amountMinor - delta.amountMinor };
  return [{ type: 'ContractContracted', data: { accountId: account.accountId, delta, arr, effectiveDate } }];
}

function churnAccount({ reason, effectiveDate }: Command<'ChurnAccount'>, account: Account): AccountEvent[] {
  return [
    { type: 'AccountChurned', data: { accountId: account.accountId, reason, effectiveDate, lostArr: account.arr } },
  ];
}

function flagAccountRisk({ reasons, at }: Command<'FlagAccountRisk'>, account: Account): AccountEvent[] {
  if (reasons.length === 0)
    throw new InvalidInputError('reasons', 'an account is flagged at risk with at least one reason');
  if (account.riskReasons) return [];
  return [{ type: 'AccountFlaggedAtRisk', data: { accountId: account.accountId, reasons, at } }];
}

function recordNps({ score, contactId, comment }: Command<'RecordNps'>, account: Account): AccountEvent[] {
  if (contactId !== null && !account.contacts.some((contact) => contact.contactId === contactId))
    throw new InvalidInputError('contactId', `contact ${contactId} is not on the account`);
  return [{ type: 'NpsRecorded', data: { accountId: account.accountId, score, contactId, comment } }];
}

function decide(command: AccountCommand, state: AccountState): AccountEvent[] {
  switch (command.kind) {
    case 'OnboardAccount':
      return onboardAccount(command, state);
    case 'EraseContact':
      return eraseContact(command, state);
    case 'EraseAccount':
      return eraseAccount(command, state);
    case 'ClearAccountRisk':
      return clearAccountRisk(command, state);
    case 'ChangeTier':
      return changeTier(command, active(state, command.accountId));
    case 'ChangeOwner':
      return changeOwner(command, active(state, command.accountId));
    case 'AddContact':
      return addContact(command, active(state, command.accountId));
    case 'RemoveContact':
      return removeContact(command, active(state, command.accountId));
    case 'RenewContract':
      return renewContract(command, active(state, command.accountId));
    case 'ExpandContract':
      return expandContract(command, active(state, command.accountId));
    case 'ContractContract':
      return contractContract(command, active(state, command.accountId));
    case 'ChurnAccount':
      return churnAccount(command, active(state, command.accountId));
    case 'FlagAccountRisk':
      return flagAccountRisk(command, active(state, command.accountId));
    case 'RecordNps':
      return recordNps(command, active(state, command.accountId));
  }
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

  decide,
};
