import { ApiError } from '../shared/api-error';

export interface Period {
  label: string;
  /** Inclusive start, ISO date (UTC). */
  from: string;
  /** Exclusive end, ISO date (UTC). */
  to: string;
}

/** setUTCFullYear, because Date.UTC reads the years 0–99 as 1900–1999. */
const iso = (year: number, month: number) =>
  new Date(new Date(0).setUTCFullYear(year, month, 1)).toISOString().slice(0, 10);

/** `2026` (a year), `2026-Q3` (a quarter) or `2026-07` (a month), in UTC. */
export function parsePeriod(label: string | undefined): Period {
  const match = /^(\d{4})(?:-Q([1-4])|-(0[1-9]|1[0-2]))?$/.exec(label ?? '');
  if (!match)
    throw ApiError.validation([
      { field: 'period', message: 'must be a year (2026), a quarter (2026-Q3) or a month (2026-07)' },
    ]);
  const year = Number(match[1]);
  // A period ends where the next begins; after 9998 that is a five-digit year, which no date column takes.
  if (year < 1 || year > 9998)
    throw ApiError.validation([{ field: 'period', message: 'must be in the years 0001 to 9998' }]);
  if (match[2]) {
    const quarter = Number(match[2]) - 1;
    return { label: label as string, from: iso(year, quarter * 3), to: iso(year, quarter * 3 + 3) };
  }
  if (match[3]) {
    const month = Number(match[3]) - 1;
    return { label: label as string, from: iso(year, month), to: iso(year, month + 1) };
  }
  return { label: label as string, from: iso(year, 0), to: iso(year + 1, 0) };
}
