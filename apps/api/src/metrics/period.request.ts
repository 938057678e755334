import { Type } from '@sinclair/typebox';

/** `2026` (a year), `2026-Q3` (a quarter) or `2026-07` (a month), UTC, in the years 0001 to 9998. */
export const PeriodParameter = Type.String({
  pattern: '^(?!0000)(?!9999)[0-9]{4}(-Q[1-4]|-(0[1-9]|1[0-2]))?$',
  errorMessage: 'must be a year (2026), a quarter (2026-Q3) or a month (2026-07), in the years 0001 to 9998',
  description: '2026, 2026-Q3 or 2026-07 (UTC).',
});
