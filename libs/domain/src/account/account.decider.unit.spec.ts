import { fold } from '../decider';
import { given } from '../shared/given-when-then';
import { accountDecider } from './account.decider';
import type { AccountEvent } from './account.events';

const usd = (amountMinor: number) => ({ amountMinor, currency: 'USD' });
const onboarded: AccountEvent = {
  type: 'AccountOnboarded',
  data: {
    accountId: 'a1',
    name: 'Globex',
    tier: 'growth',
    arr: usd(12_000_000),
    contractStart: '2026-01-01',
    renewalDate: '2027-01-01',
    ownerId: 'am-1',
    timeZone: 'Europe/Berlin',
    slaPolicyId: null,
  },
};
const contact: AccountEvent = {
  type: 'ContactAdded',
  data: { accountId: 'a1', contactId: 'k1', name: 'Ada', email: 'ada@globex.test', role: 'technical' },
};
const churned: AccountEvent = {
  type: 'AccountChurned',
  data: { accountId: 'a1', reason: 'budget', effectiveDate: '2026-09-30', lostArr: usd(12_000_000) },
};
const onboard = { kind: 'OnboardAccount' as const, ...onboarded.data, slaPolicyExists: false };

describe('account decider', () => {
  describe('onboarding', () => {
    it('given nothing, records the account', () => {
      expect(given(accountDecider, []).when(onboard)).toEqual([onboarded]);
    });
    it('given the account, refuses a second onboarding', () => {
      expect(given(accountDecider, [onboarded]).rejects(onboard).code).toBe('account_already_exists');
    });
    it('refuses an unknown zone, a renewal before the start and an unknown override policy, naming the field', () => {
      expect(given(accountDecider, []).rejects({ ...onboard, timeZone: 'Nowhere/Land' }).message).toMatch(/^timeZone:/);
      expect(given(accountDecider, []).rejects({ ...onboard, renewalDate: '2025-12-31' }).message).toMatch(
        /^renewalDate:/,
      );
      expect(
        given(accountDecider, []).rejects({ ...onboard, slaPolicyId: 'p9', slaPolicyExists: false }).message,
      ).toMatch(/^slaPolicyId:/);
    });
  });

  it('given no account, any other command answers not found', () => {
    expect(given(accountDecider, []).rejects({ kind: 'ChangeOwner', accountId: 'a1', ownerId: 'am-2' }).code).toBe(
      'account_not_found',
    );
  });

  it('changes tier and owner, and ignores a change to the current value', () => {
    expect(given(accountDecider, [onboarded]).when({ kind: 'ChangeTier', accountId: 'a1', tier: 'strategic' })).toEqual(
      [{ type: 'AccountTierChanged', data: { accountId: 'a1', from: 'growth', to: 'strategic' } }],
    );
    expect(given(accountDecider, [onboarded]).when({ kind: 'ChangeTier', accountId: 'a1', tier: 'growth' })).toEqual(
      [],
    );
    expect(given(accountDecider, [onboarded]).when({ kind: 'ChangeOwner', accountId: 'a1', ownerId: 'am-2' })).toEqual([
      { type: 'AccountOwnerChanged', data: { accountId: 'a1', from: 'am-1', to: 'am-2' } },
    ]);
  });

  describe('contacts', () => {
    it('adds a contact and refuses the same email twice, whatever its case', () => {
      const { accountId: _a, ...data } = contact.data;
      expect(given(accountDecider, [onboarded]).when({ kind: 'AddContact', accountId: 'a1', contact: data })).toEqual([
        contact,
      ]);
      const again = given(accountDecider, [onboarded, contact]).rejects({
        kind: 'AddContact',
        accountId: 'a1',
        contact: { ...data, contactId: 'k2', email: 'ADA@globex.test' },
      });
      expect([again.code, again.details]).toEqual(['contact_already_exists', { contactId: 'k1' }]);
    });
    it('removes a contact; an unknown contact is not found', () => {
      expect(
        given(accountDecider, [onboarded, contact]).when({ kind: 'RemoveContact', accountId: 'a1', contactId: 'k1' }),
      ).toEqual([{ type: 'ContactRemoved', data: { accountId: 'a1', contactId: 'k1' } }]);
      expect(
        given(accountDecider, [onboarded]).rejects({ kind: 'RemoveContact', accountId: 'a1', contactId: 'k1' }).code,
      ).toBe('contact_not_found');
    });
  });

  describe('contract', () => {
    it('renews with a new ARR and a later renewal date', () => {
      expect(
        given(accountDecider, [onboarded]).when({
          kind: 'RenewContract',
          accountId: 'a1',
          arr: usd(13_000_000),
          renewalDate: '2028-01-01',
          effectiveDate: '2027-01-01',
        }),
      ).toEqual([
        {
          type: 'ContractRenewed',
          data: {
            accountId: 'a1',
            previousArr: usd(12_000_000),
            arr: usd(13_000_000),
            previousRenewalDate: '2027-01-01',
            renewalDate: '2028-01-01',
            effectiveDate: '2027-01-01',
          },
        },
      ]);
    });
    it('refuses a renewal that does not move the renewal date forward, or in another currency', () => {
      expect(
        given(accountDecider, [onboarded]).rejects({
          kind: 'RenewContract',
          accountId: 'a1',
          arr: usd(1),
          renewalDate: '2027-01-01',
          effectiveDate: '2027-01-01',
        }).message,
      ).toMatch(/^renewalDate:/);
      expect(
        given(accountDecider, [onboarded]).rejects({
          kind: 'RenewContract',
          accountId: 'a1',
          arr: { amountMinor: 1, currency: 'EUR' },
          renewalDate: '2028-01-01',
          effectiveDate: '2027-01-01',
        }).message,
      ).toMatch(/^arr\.currency:/);
    });
    it('expands and contracts the ARR by a delta', () => {
      const expanded: AccountEvent = {
        type: 'ContractExpanded',
        data: { accountId: 'a1', delta: usd(3_000_000), arr: usd(15_000_000), effectiveDate: '2026-06-01' },
      };
      expect(
        given(accountDecider, [onboarded]).when({
          kind: 'ExpandContract',
          accountId: 'a1',
          delta: usd(3_000_000),
          effectiveDate: '2026-06-01',
        }),
      ).toEqual([expanded]);
      expect(
        given(accountDecider, [onboarded, expanded]).when({
          kind: 'ContractContract',
          accountId: 'a1',
          delta: usd(5_000_000),
          effectiveDate: '2026-07-01',
        }),
      ).toEqual([
        {
          type: 'ContractContracted',
          data: { accountId: 'a1', delta: usd(5_000_000), arr: usd(10_000_000), effectiveDate: '2026-07-01' },
        },
      ]);
    });
    it('refuses a contraction larger than the ARR', () => {
      expect(
        given(accountDecider, [onboarded]).rejects({
          kind: 'ContractContract',
          accountId: 'a1',
          delta: usd(12_000_001),
          effectiveDate: '2026-07-01',
        }).code,
      ).toBe('contraction_exceeds_arr');
    });
    it('churns with the ARR lost, then accepts nothing more', () => {
      expect(
        given(accountDecider, [onboarded]).when({
          kind: 'ChurnAccount',
          accountId: 'a1',
          reason: 'budget',
          effectiveDate: '2026-09-30',
        }),
      ).toEqual([churned]);
      const error = given(accountDecider, [onboarded, churned]).rejects({
        kind: 'ExpandContract',
        accountId: 'a1',
        delta: usd(1),
        effectiveDate: '2026-10-01',
      });
      expect([error.kind, error.code]).toEqual(['conflict', 'account_churned']);
    });
  });

  it('records NPS from a contact of the account only', () => {
    expect(
      given(accountDecider, [onboarded, contact]).when({
        kind: 'RecordNps',
        accountId: 'a1',
        score: 9,
        contactId: 'k1',
        comment: null,
      }),
    ).toEqual([{ type: 'NpsRecorded', data: { accountId: 'a1', score: 9, contactId: 'k1', comment: null } }]);
    expect(
      given(accountDecider, [onboarded]).rejects({
        kind: 'RecordNps',
        accountId: 'a1',
        score: 9,
        contactId: 'k1',
        comment: null,
      }).message,
    ).toMatch(/^contactId:/);
  });
  describe('risk flag from the triggers', () => {
    const reasons = [{ code: 'renewal_with_open_urgent_tickets' as const, renewalDate: '2027-01-01', openTickets: 2 }];
    const flag = { kind: 'FlagAccountRisk' as const, accountId: 'a1', reasons, at: '2026-10-05T08:00:00.000Z' };
    const clear = { kind: 'ClearAccountRisk' as const, accountId: 'a1', at: '2026-10-09T08:00:00.000Z' };
    const flagged: AccountEvent = { type: 'AccountFlaggedAtRisk', data: { accountId: 'a1', reasons, at: flag.at } };

    it('flags once with its reasons and clears once', () => {
      expect(given(accountDecider, [onboarded]).when(flag)).toEqual([flagged]);
      expect(given(accountDecider, [onboarded, flagged]).when(flag)).toEqual([]);
      expect(given(accountDecider, [onboarded, flagged]).when(clear)).toEqual([
        { type: 'AccountRiskCleared', data: { accountId: 'a1', reasons, at: clear.at } },
      ]);
      expect(given(accountDecider, [onboarded]).when(clear)).toEqual([]);
    });

    it('refuses a flag without reasons and a flag on a churned account, but clears after churn', () => {
      expect(given(accountDecider, [onboarded]).rejects({ ...flag, reasons: [] }).message).toMatch(/^reasons:/);
      expect(given(accountDecider, [onboarded, churned]).rejects(flag).code).toBe('account_churned');
      expect(given(accountDecider, [onboarded, flagged, churned]).when(clear)).toHaveLength(1);
    });
  });

  describe('erasure', () => {
    const by = { reason: 'DSR-1', erasedBy: 'service:privacy-desk', at: '2026-10-01T09:00:00.000Z' };
    const eraseContact = { kind: 'EraseContact' as const, accountId: 'a1', contactId: 'k1', ...by };
    const contactErased: AccountEvent = { type: 'ContactErased', data: { accountId: 'a1', contactId: 'k1', ...by } };
    const eraseAccount = { kind: 'EraseAccount' as const, accountId: 'a1', ...by };
    const accountErased: AccountEvent = { type: 'AccountErased', data: { accountId: 'a1', ...by } };

    it('given a contact, records who erased them, when and why, and drops them from the account', () => {
      expect(given(accountDecider, [onboarded, contact]).when(eraseContact)).toEqual([contactErased]);
      const state = fold(accountDecider, [onboarded, contact, contactErased]);
      expect(state).toMatchObject({ contacts: [], erasedContactIds: ['k1'] });
    });
    it('erases a contact removed earlier, also after churn', () => {
      const removed: AccountEvent = { type: 'ContactRemoved', data: { accountId: 'a1', contactId: 'k1' } };
      expect(given(accountDecider, [onboarded, contact, removed, churned]).when(eraseContact)).toEqual([contactErased]);
    });
    it('given the erasure, erasing again records nothing', () => {
      expect(given(accountDecider, [onboarded, contact, contactErased]).when(eraseContact)).toEqual([]);
      expect(given(accountDecider, [onboarded, contact, churned, accountErased]).when(eraseContact)).toEqual([]);
    });
    it('refuses a contact the account never had', () => {
      expect(given(accountDecider, [onboarded]).rejects(eraseContact).code).toBe('contact_not_found');
    });
    it('erases a churned account once, and refuses one still served', () => {
      expect(given(accountDecider, [onboarded, churned]).when(eraseAccount)).toEqual([accountErased]);
      expect(given(accountDecider, [onboarded, churned, accountErased]).when(eraseAccount)).toEqual([]);
      expect(given(accountDecider, [onboarded]).rejects(eraseAccount).code).toBe('account_not_churned');
    });
  });
});
