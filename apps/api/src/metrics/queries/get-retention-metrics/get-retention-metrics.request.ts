import { Type, type Static } from '@sinclair/typebox';
import { TIERS } from '@app/domain';
import { OneOf, Strict } from '@app/validation';
import { PeriodParameter } from '../../period.request';

export const GetRetentionMetricsRequest = Strict({
  period: PeriodParameter,
  tier: Type.Optional(OneOf(TIERS, { description: 'Accounts of this tier (their current tier).' })),
});
export type GetRetentionMetricsRequest = Static<typeof GetRetentionMetricsRequest>;
