import { Type, type Static } from '@sinclair/typebox';
import { TIERS } from '@app/domain';
import { Id, OneOf, Strict } from '@app/validation';
import { PeriodParameter } from '../../period.request';

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
