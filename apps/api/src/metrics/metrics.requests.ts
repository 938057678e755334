import { Type, type Static } from '@sinclair/typebox';
import { TIERS } from '@app/domain';
import { Id, OneOf, Strict } from '@app/validation';

/** `2026` (a year), `2026-Q3` (a quarter) or `2026-07` (a month), UTC, in the years 0001 to 9998. */
export const PeriodParameter = Type.String({
  pattern: '^(?!0000)(?!9999)[0-9]{4}(-Q[1-4]|-(0[1-9]|1[0-2]))?$',
  errorMessage: 'must be a year (2026), a quarter (2026-Q3) or a month (2026-07), in the years 0001 to 9998',
  description: '2026, 2026-Q3 or 2026-07 (UTC).',
});

export const GetSlaMetricsRequest = Strict({
  period: PeriodParameter,
  tier: Type.Optional(OneOf(TIERS)),
  accountId: Type.Optional(Id('an account id')),
  policyId: Type.Optional(Id('an SLA policy id')),
  groupBy: Type.Optional(
    OneOf(['tier', 'policy', 'account'] as const, {
      description: 'One row per tier, policy or account instead of one total.',
    }),
  ),
});
export type GetSlaMetricsRequest = Static<typeof GetSlaMetricsRequest>;

export const GetRetentionMetricsRequest = Strict({
  period: PeriodParameter,
  tier: Type.Optional(OneOf(TIERS, { description: 'Accounts of this tier (their current tier).' })),
});
export type GetRetentionMetricsRequest = Static<typeof GetRetentionMetricsRequest>;

export const ListRenewalsRequest = Strict({
  withinDays: Type.Optional(
    Type.Integer({
      minimum: 1,
      maximum: 366,
      description: 'Renewals due within this many days from today (default 90).',
    }),
  ),
});
export type ListRenewalsRequest = Static<typeof ListRenewalsRequest>;
