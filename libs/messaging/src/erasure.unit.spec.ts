import { ERASED } from '@app/domain';
import { erasedCopy, erasureIn } from './erasure';

const note = {
  type: 'NoteAdded',
  data: { ticketId: 't1', accountId: 'acme', noteId: 'n1', authorId: 'a1', body: 'Ada called', at: 'x' },
};
const opened = (contactId: string) => ({
  type: 'TicketOpened',
  data: {
    ticketId: 't1',
    accountId: 'acme',
    contactId,
    subject: `${contactId} cannot log in`,
    description: 'since Monday',
  },
});

describe('consumer kit: erasures', () => {
  it('reads an erasure event and nothing else as one', () => {
    const event = {
      type: 'ContactErased',
      data: { accountId: 'acme', contactId: 'ada', reason: 'DSR-1', erasedBy: 'agent:dpo', at: 'x' },
    };
    expect(erasureIn(event)).toMatchObject({
      accountId: 'acme',
      contactId: 'ada',
      reason: 'DSR-1',
      subject: 'contact:acme/ada',
    });
    expect(
      erasureIn({ type: 'AccountErased', data: { accountId: 'acme', reason: 'r', erasedBy: 'x', at: 'y' } }),
    ).toMatchObject({
      contactId: null,
      contactsOf: 'contact:acme/',
    });
    expect(erasureIn(note)).toBeUndefined();
  });

  it("gives a kept copy with the erased subject's fields replaced, and leaves other subjects' copies alone", () => {
    const ada = erasureIn({
      type: 'ContactErased',
      data: { accountId: 'acme', contactId: 'ada', reason: 'r', erasedBy: 'x', at: 'y' },
    })!;
    expect(erasedCopy(opened('ada'), ada)).toEqual({ ...opened('ada').data, subject: ERASED, description: ERASED });
    expect(erasedCopy(opened('bob'), ada)).toBeUndefined();
    expect(erasedCopy(note, ada)).toBeUndefined();
    const account = erasureIn({
      type: 'AccountErased',
      data: { accountId: 'acme', reason: 'r', erasedBy: 'x', at: 'y' },
    })!;
    expect(erasedCopy(note, account)).toEqual({ ...note.data, body: ERASED });
    expect(erasedCopy(opened('bob'), account)).toMatchObject({ subject: ERASED });
  });
});
