import { ERASED, erases, erasureOf, personalDataOf, personalValuesOf, withErased } from './personal-data';

const reply = (kind: 'agent' | 'customer', body: string) => ({
  type: 'ReplyAdded',
  data: { ticketId: 't1', accountId: 'a1', replyId: 'r1', author: { kind, id: 'k1' }, public: true, body, at: 'x' },
});

describe('personal data', () => {
  it("gives what a contact wrote or is to the contact, and the account's own free text to the account", () => {
    const contact = { type: 'ContactAdded', data: { accountId: 'a1', contactId: 'k1', name: 'Ada', email: 'a@x' } };
    expect(personalDataOf(contact)).toEqual({ subject: 'contact:a1/k1', fields: ['name', 'email'] });
    expect(personalDataOf(reply('customer', 'hi'))).toEqual({ subject: 'contact:a1/k1', fields: ['body'] });
    expect(personalDataOf(reply('agent', 'hello'))).toEqual({ subject: 'account:a1', fields: ['body'] });
    const nps = { type: 'NpsRecorded', data: { accountId: 'a1', score: 9, contactId: null, comment: 'ok' } };
    expect(personalDataOf(nps)).toEqual({ subject: 'account:a1', fields: ['comment'] });
    expect(personalDataOf({ type: 'TicketStatusChanged', data: { accountId: 'a1' } })).toBeUndefined();
  });

  it('leaves out fields without a value', () => {
    const csat = { type: 'CsatRated', data: { accountId: 'a1', contactId: 'k1', score: 2, comment: null } };
    expect(personalValuesOf(csat)).toBeUndefined();
    expect(personalValuesOf({ ...csat, data: { ...csat.data, comment: 'slow' } })?.fields).toEqual(['comment']);
  });

  it('erases a contact alone, or an account with every contact it had', () => {
    const contact = erasureOf({ type: 'ContactErased', data: { accountId: 'a1', contactId: 'k1' } })!;
    const account = erasureOf({ type: 'AccountErased', data: { accountId: 'a1' } })!;
    expect([erases(contact, 'contact:a1/k1'), erases(contact, 'contact:a1/k2'), erases(contact, 'account:a1')]).toEqual(
      [true, false, false],
    );
    expect([
      erases(account, 'contact:a1/k2'),
      erases(account, 'account:a1'),
      erases(account, 'contact:a10/k1'),
    ]).toEqual([true, true, false]);
    expect(withErased({ body: 'secret', at: 'x' }, ['body'])).toEqual({ body: ERASED, at: 'x' });
  });
});
