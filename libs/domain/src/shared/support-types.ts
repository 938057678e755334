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

/** IANA names only: luxon also takes "UTC+25" as a fixed offset, and newer Node "+01:00". */
const ZONE_NAME = /^[A-Za-z][A-Za-z0-9_+-]*(\/[A-Za-z0-9_+-]+)*$/;

/** An IANA time zone name the runtime knows (`America/New_York`, `UTC`, `Etc/GMT+5`). */
export function isTimeZone(zone: string): boolean {
  if (!ZONE_NAME.test(zone)) return false;
  try {
    // The constructor refuses a zone it does not know. (luxon's IANAZone.isValidZone also formats
    // the current instant: the domain reads no clock.)
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}
