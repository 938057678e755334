import type { SupportEvent } from './event-types';

/**
 * Personal data in the log (docs/architecture.md, "Personal data"): which fields of which events belong to whom.
 * A data subject is a contact (what they wrote, or what identifies them) or an account (its own free
 * text: agents' replies and notes, escalation and churn reasons). Each subject has its own key, so
 * erasing one leaves the others readable.
 */

/** What every read shows instead of a field whose subject was erased. */
export const ERASED = '[erased]';

/** A subject's name in the key store: `account:<accountId>` or `contact:<accountId>/<contactId>`. */
export const dataSubjects = {
  account: (accountId: string) => `account:${accountId}`,
  contact: (accountId: string, contactId: string) => `contact:${accountId}/${contactId}`,
  /** The prefix shared by every contact of an account: erasing the account erases them too. */
  contactsOf: (accountId: string) => `contact:${accountId}/`,
};

export interface PersonalData {
  subject: string;
  /** Top-level fields of the event's data; each is a string or null. */
  fields: readonly string[];
}

type DataOf<T extends SupportEvent['type']> = Extract<SupportEvent, { type: T }>['data'];
type Classifier<T extends SupportEvent['type']> = (data: DataOf<T>) => PersonalData;

const ofContact = (accountId: string, contactId: string, ...fields: string[]): PersonalData => ({
  subject: dataSubjects.contact(accountId, contactId),
  fields,
});
const ofAccount = (accountId: string, ...fields: string[]): PersonalData => ({
  subject: dataSubjects.account(accountId),
  fields,
});

/** The event types that carry personal data, and whose it is. A customer's reply author id is a contact id. */
const CLASSIFIERS: { [T in SupportEvent['type']]?: Classifier<T> } = {
  ContactAdded: (d) => ofContact(d.accountId, d.contactId, 'name', 'email'),
  TicketOpened: (d) => ofContact(d.accountId, d.contactId, 'subject', 'description'),
  ReplyAdded: (d) =>
    d.author.kind === 'customer' ? ofContact(d.accountId, d.author.id, 'body') : ofAccount(d.accountId, 'body'),
  NoteAdded: (d) => ofAccount(d.accountId, 'body'),
  TicketEscalated: (d) => ofAccount(d.accountId, 'reason'),
  CsatRated: (d) => (d.contactId ? ofContact(d.accountId, d.contactId, 'comment') : ofAccount(d.accountId, 'comment')),
  NpsRecorded: (d) =>
    d.contactId ? ofContact(d.accountId, d.contactId, 'comment') : ofAccount(d.accountId, 'comment'),
  AccountChurned: (d) => ofAccount(d.accountId, 'reason'),
};

/** The event types some of whose events carry personal data. */
export const PERSONAL_DATA_TYPES: ReadonlySet<string> = new Set(Object.keys(CLASSIFIERS));

/** Whose personal data this event carries, and in which fields; undefined when none. */
export function personalDataOf(event: { type: string; data: unknown }): PersonalData | undefined {
  const classify = CLASSIFIERS[event.type as SupportEvent['type']] as Classifier<SupportEvent['type']> | undefined;
  return classify?.(event.data as DataOf<SupportEvent['type']>);
}

/** As `personalDataOf`, with only the fields that hold a value (null and absent ones have nothing to hide). */
export function personalValuesOf(event: { type: string; data: unknown }): PersonalData | undefined {
  const personal = personalDataOf(event);
  if (!personal) return undefined;
  const data = event.data as Record<string, unknown>;
  const fields = personal.fields.filter((field) => data[field] !== null && data[field] !== undefined);
  return fields.length > 0 ? { subject: personal.subject, fields } : undefined;
}

/** The data with these fields replaced by the erased marker. */
export function withErased<Data extends object>(data: Data, fields: readonly string[]): Data {
  const result = { ...data } as Record<string, unknown>;
  for (const field of fields) result[field] = ERASED;
  return result as Data;
}

export interface Erasure {
  subject: string;
  /** Set when every subject under this prefix is erased too (the contacts of an erased account). */
  contactsOf?: string;
}

/** Whether an erasure reaches a subject. */
export function erases(erasure: Erasure, subject: string): boolean {
  return subject === erasure.subject || (erasure.contactsOf !== undefined && subject.startsWith(erasure.contactsOf));
}

/** The subjects an erasure event erases: a contact, or an account with every contact it ever had (a prefix). */
export function erasureOf(event: { type: string; data: unknown }): Erasure | undefined {
  const data = event.data as { accountId: string; contactId: string };
  if (event.type === 'ContactErased') return { subject: dataSubjects.contact(data.accountId, data.contactId) };
  if (event.type === 'AccountErased')
    return { subject: dataSubjects.account(data.accountId), contactsOf: dataSubjects.contactsOf(data.accountId) };
  return undefined;
}
