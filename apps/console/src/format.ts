const MINUTE = 60_000;

/** "3 d 4 h", "2 h 5 min", "12 min": a duration for a person, to the minute. */
export function duration(minutes: number): string {
  const whole = Math.round(Math.abs(minutes));
  const [days, hours, mins] = [Math.floor(whole / 1440), Math.floor((whole % 1440) / 60), whole % 60];
  if (days > 0) return `${days} d ${hours} h`;
  if (hours > 0) return `${hours} h ${mins} min`;
  return `${mins} min`;
}

/** "in 2 h 5 min" or "3 d 4 h ago", from now. */
export function fromNow(instant: string | null | undefined, now = Date.now()): string {
  if (!instant) return '—';
  const minutes = (Date.parse(instant) - now) / MINUTE;
  return minutes >= 0 ? `in ${duration(minutes)}` : `${duration(minutes)} ago`;
}

export function dateTime(instant: string | null | undefined): string {
  if (!instant) return '—';
  return new Date(instant).toISOString().slice(0, 16).replace('T', ' ') + ' UTC';
}

export function money(value: { amountMinor: number; currency: string } | null | undefined): string {
  if (!value) return '—';
  return new Intl.NumberFormat('en', { style: 'currency', currency: value.currency, maximumFractionDigits: 0 }).format(
    value.amountMinor / 100,
  );
}

export function percent(rate: number | null | undefined): string {
  return rate === null || rate === undefined ? '—' : `${(rate * 100).toFixed(1)} %`;
}

export const humanize = (code: string): string => code.replace(/_/g, ' ');
