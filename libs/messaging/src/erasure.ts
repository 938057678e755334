import { erases, erasureOf, personalValuesOf, withErased, type Erasure } from '@app/domain';

/**
 * For downstream consumers (docs/architecture.md, "Personal data"): the relay publishes every erasure as an event
 * (`ContactErased`, `AccountErased` on the accounts topic). A consumer that keeps copies of events
 * must then erase the same fields from its copies; messages already on Kafka keep theirs until the
 * topic's retention removes them.
 */
export interface DeliveredErasure extends Erasure {
  accountId: string;
  /** Null when the whole account (and every contact it had) was erased. */
  contactId: string | null;
  reason: string;
  erasedBy: string;
  at: string;
}

type EventLike = { type: string; data: unknown };

/** The erasure an event carries, if it is one. */
export function erasureIn(event: EventLike): DeliveredErasure | undefined {
  const erasure = erasureOf(event);
  if (!erasure) return undefined;
  const data = event.data as { accountId: string; contactId?: string; reason: string; erasedBy: string; at: string };
  return { ...erasure, ...data, contactId: data.contactId ?? null };
}

/** A kept copy of an event with the personal data the erasure reaches read as erased; undefined when it reaches none. */
export function erasedCopy<Data extends object>(
  event: { type: string; data: Data },
  erasure: Erasure,
): Data | undefined {
  const personal = personalValuesOf(event);
  if (!personal || !erases(erasure, personal.subject)) return undefined;
  return withErased(event.data, personal.fields);
}
