import timeZones from './time-zones.json';

export const TIERS = ['strategic', 'growth', 'standard'] as const;
export type Tier = (typeof TIERS)[number];

export const PRIORITIES = ['low', 'normal', 'high', 'urgent'] as const;
export type Priority = (typeof PRIORITIES)[number];

export const TICKET_STATUSES = ['new', 'open', 'pending', 'on_hold', 'solved', 'closed'] as const;
export type TicketStatus = (typeof TICKET_STATUSES)[number];

export const SLA_METRICS = ['first_response', 'next_response', 'resolution'] as const;
export type SlaMetric = (typeof SLA_METRICS)[number];

/** Money in integer minor units (cents) with an ISO 4217 currency: no floating point in ARR. */
export interface Money {
  amountMinor: number;
  currency: string;
}

/**
 * The IANA time zone names this service takes (tzdata's zones and links that Node's ICU knows, as a
 * fixed list: a decision must not change with the runtime's ICU, and the OpenAPI document states it).
 * Offsets such as "UTC+5" or "+01:00" are not names.
 */
export const TIME_ZONES: readonly string[] = timeZones;
const TIME_ZONE_SET = new Set(TIME_ZONES);

/** An IANA time zone name this service takes (`America/New_York`, `UTC`, `Etc/GMT+5`). */
export function isTimeZone(zone: string): boolean {
  return TIME_ZONE_SET.has(zone);
}
