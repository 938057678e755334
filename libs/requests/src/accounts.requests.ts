import { Type, type Static } from '@sinclair/typebox';
import type { CommandToSend } from '@app/commanding';
import { CONTACT_ROLES, TIERS } from '@app/domain';
import { CalendarDate, Email, Id, Money, OneOf, rule, Strict, Text, TimeZone } from '@app/validation';
import { CreatedId } from './created-id';

/** What callers may ask of an account (bodies of /v1/accounts…), and the command each becomes. */

const money = ({ amountMinor, currency }: { amountMinor: number; currency: string }) => ({ amountMinor, currency });

/** The profile to onboard with; the id may be chosen by the caller, the SLA policy left out. */
export const OnboardAccount = Strict({
  id: CreatedId('an account id'),
  name: Text(1, 200),
  tier: OneOf(TIERS),
  arr: Money({ description: 'Annual recurring revenue.' }),
  contractStart: CalendarDate(),
  renewalDate: CalendarDate(rule('after contractStart')),
  ownerId: Text(1, 200, { description: 'The account manager.' }),
  timeZone: TimeZone,
  slaPolicyId: Type.Optional(
    Id('an SLA policy id', {
      description: 'An SLA policy for this account: it beats matching by tier.',
      ...rule('an SLA policy that exists'),
    }),
  ),
});
export type OnboardAccount = Static<typeof OnboardAccount>;

export const onboardAccount = (accountId: string, { id: _id, ...request }: OnboardAccount): CommandToSend => ({
  kind: 'OnboardAccount',
  accountId,
  ...request,
  arr: money(request.arr),
  slaPolicyId: request.slaPolicyId ?? null,
});

export const ChangeTier = Strict({ tier: OneOf(TIERS) });
export type ChangeTier = Static<typeof ChangeTier>;

export const changeTier = (accountId: string, request: ChangeTier): CommandToSend => ({
  kind: 'ChangeTier',
  accountId,
  tier: request.tier,
});

export const ChangeOwner = Strict({ ownerId: Text(1, 200, { description: "The account manager's id." }) });
export type ChangeOwner = Static<typeof ChangeOwner>;

export const changeOwner = (accountId: string, request: ChangeOwner): CommandToSend => ({
  kind: 'ChangeOwner',
  accountId,
  ownerId: request.ownerId,
});

export const AddContact = Strict({
  id: CreatedId('a contact id'),
  name: Text(1, 200),
  email: Email(),
  role: OneOf(CONTACT_ROLES),
});
export type AddContact = Static<typeof AddContact>;

export const addContact = (accountId: string, contactId: string, request: AddContact): CommandToSend => ({
  kind: 'AddContact',
  accountId,
  contact: { contactId, name: request.name, email: request.email, role: request.role },
});

export const removeContact = (accountId: string, contactId: string): CommandToSend => ({
  kind: 'RemoveContact',
  accountId,
  contactId,
});

export const RenewContract = Strict({
  arr: Money({ description: 'ARR from the renewal on.', ...rule('in the contract currency') }),
  renewalDate: CalendarDate({ description: 'The next renewal date.', ...rule('after the current renewal date') }),
  effectiveDate: Type.Optional(
    CalendarDate({ description: 'When the renewal takes effect, YYYY-MM-DD; today (UTC) when left out.' }),
  ),
});
export type RenewContract = Static<typeof RenewContract>;

export const renewContract = (accountId: string, request: RenewContract): CommandToSend => ({
  kind: 'RenewContract',
  accountId,
  arr: money(request.arr),
  renewalDate: request.renewalDate,
  effectiveDate: request.effectiveDate,
});

/** An ARR change by a positive delta: expansions and contractions share it. */
export const ContractChange = Strict({
  delta: Money({ description: 'The ARR change, positive.', ...rule('in the contract currency') }),
  effectiveDate: Type.Optional(CalendarDate({ description: 'YYYY-MM-DD; today (UTC) when left out.' })),
});
export type ContractChange = Static<typeof ContractChange>;

export const changeContract = (
  kind: 'ExpandContract' | 'ContractContract',
  accountId: string,
  request: ContractChange,
): CommandToSend => ({ kind, accountId, delta: money(request.delta), effectiveDate: request.effectiveDate });

export const ChurnAccount = Strict({
  reason: Text(1, 2000),
  effectiveDate: Type.Optional(CalendarDate({ description: 'YYYY-MM-DD; today (UTC) when left out.' })),
});
export type ChurnAccount = Static<typeof ChurnAccount>;

export const churnAccount = (accountId: string, request: ChurnAccount): CommandToSend => ({
  kind: 'ChurnAccount',
  accountId,
  reason: request.reason,
  effectiveDate: request.effectiveDate,
});

export const RecordNps = Strict({
  score: Type.Integer({ minimum: 0, maximum: 10 }),
  contactId: Type.Optional(
    Id('a contact id', { description: 'Who answered, if known.', ...rule('a contact of the account') }),
  ),
  comment: Type.Optional(Text(0, 5000)),
});
export type RecordNps = Static<typeof RecordNps>;

export const recordNps = (accountId: string, request: RecordNps): CommandToSend => ({
  kind: 'RecordNps',
  accountId,
  score: request.score,
  contactId: request.contactId ?? null,
  comment: request.comment ?? null,
});

/** The body of both erasure requests. */
export const Erasure = Strict({
  reason: Text(1, 500, {
    description: 'Why, for the audit trail: a ticket or request reference. Never put personal data here: it is kept.',
  }),
});
export type Erasure = Static<typeof Erasure>;

export const eraseContact = (accountId: string, contactId: string, request: Erasure): CommandToSend => ({
  kind: 'EraseContact',
  accountId,
  contactId,
  reason: request.reason,
});

export const eraseAccount = (accountId: string, request: Erasure): CommandToSend => ({
  kind: 'EraseAccount',
  accountId,
  reason: request.reason,
});
