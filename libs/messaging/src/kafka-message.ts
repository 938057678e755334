import type { RecordedEvent } from '@app/event-store';

/** Kafka messages (docs/design.md §7): an event as a message, its topic, key and CloudEvents binary-mode headers. */
export const TOPIC_KINDS = ['accounts', 'tickets', 'sla', 'dlq'] as const;
export type TopicKind = (typeof TOPIC_KINDS)[number];

export interface OutgoingMessage {
  topic: string;
  key: string;
  value: string;
  headers: Record<string, string>;
}

/** `ce_sequence`: the global position, zero-padded so that it sorts as text. */
export const sequenceOf = (position: bigint): string => position.toString().padStart(20, '0');

/**
 * Accounts' events go to `accounts`; a ticket's SLA events (the policy it got, its targets) and the
 * policies and calendars themselves to `sla`; every other ticket event to `tickets`. Streams of
 * other kinds (operations audit) go to `accounts`, keyed by their stream.
 */
export function topicKindOf(event: Pick<RecordedEvent, 'streamId' | 'type'>): TopicKind {
  if (event.streamId.startsWith('ticket-')) return event.type.startsWith('Sla') ? 'sla' : 'tickets';
  if (event.streamId.startsWith('sla-policy-') || event.streamId.startsWith('calendar-')) return 'sla';
  return 'accounts';
}

/** The key keeps each account's events in order on one partition; events without an account use their stream. */
export function keyOf(event: Pick<RecordedEvent, 'streamId' | 'data'>): string {
  const accountId = (event.data as { accountId?: unknown } | null)?.accountId;
  return typeof accountId === 'string' ? accountId : event.streamId;
}

const text = (value: unknown): string | undefined =>
  typeof value === 'string' ? value : typeof value === 'number' ? String(value) : undefined;

export function headersOf(event: RecordedEvent): Record<string, string> {
  const metadata = event.metadata;
  const headers: Record<string, string | undefined> = {
    ce_specversion: '1.0',
    ce_id: event.eventId,
    ce_source: text(metadata.source) ?? 'support-ops',
    ce_type: event.type,
    ce_time: text(metadata.occurredAt) ?? event.recordedAt.toISOString(),
    ce_subject: event.streamId,
    'content-type': 'application/json',
    ce_sequence: sequenceOf(event.position),
    ce_correlationid: text(metadata.correlationId),
    ce_causationid: text(metadata.causationId),
    ce_schemaversion: text(metadata.schemaVersion) ?? '1',
  };
  return Object.fromEntries(
    Object.entries(headers).filter((entry): entry is [string, string] => entry[1] !== undefined),
  );
}

export function toMessage(event: RecordedEvent, prefix: string): OutgoingMessage {
  return {
    topic: `${prefix}.${topicKindOf(event)}`,
    key: keyOf(event),
    value: JSON.stringify(event.data),
    headers: headersOf(event),
  };
}

/** Bytes a message takes on the wire, roughly (key, value, header names and values). */
export function messageBytes(message: OutgoingMessage): number {
  let bytes = Buffer.byteLength(message.key) + Buffer.byteLength(message.value);
  for (const [name, value] of Object.entries(message.headers))
    bytes += Buffer.byteLength(name) + Buffer.byteLength(value);
  return bytes;
}
