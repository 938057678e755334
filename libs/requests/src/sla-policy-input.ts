import { Type, type Static } from '@sinclair/typebox';
import { PRIORITIES, TIERS, type SlaPolicyDefinition, type SlaTargets } from '@app/domain';
import { Id, Nullable, OneOf, rule, Strict, Text } from '@app/validation';

/** Business minutes of one target: at most a year's; null or left out, no target. */
const Minutes = Type.Optional(Nullable(Type.Integer({ minimum: 1, maximum: 366 * 24 * 60 })));

const Targets = Type.Optional(
  Strict(
    { first_response: Minutes, next_response: Minutes, resolution: Minutes },
    { description: 'Target business minutes per metric; a metric left out or null has no target.' },
  ),
);

/** A policy as a caller sends it; what it leaves out takes the defaults of docs/design.md §4. */
export const SlaPolicyInput = Strict({
  name: Text(1, 200),
  tiers: Type.Array(OneOf(TIERS), {
    minItems: 1,
    description: 'Tiers the policy applies to; among matching policies the first defined wins.',
  }),
  calendarId: Type.Optional(
    Nullable(Id('a calendar id'), {
      description: 'A business calendar; null or left out means 24/7.',
      ...rule('a calendar that exists'),
    }),
  ),
  targets: Strict(
    Object.fromEntries(PRIORITIES.map((priority) => [priority, Targets])) as Record<
      (typeof PRIORITIES)[number],
      typeof Targets
    >,
    {
      description: 'Targets per priority; a priority left out has none.',
      ...rule("at least one target, each within a year of the calendar's business time"),
    },
  ),
  pauseStatuses: Type.Optional(
    Type.Array(OneOf(['pending', 'on_hold'] as const), {
      description: 'Statuses that stop the clock (default pending and on_hold).',
    }),
  ),
  atRiskMinutes: Type.Optional(
    Type.Integer({
      minimum: 0,
      maximum: 24 * 60,
      description: 'Business minutes before due at which a target is at risk (default 15).',
    }),
  ),
});
export type SlaPolicyInput = Static<typeof SlaPolicyInput>;

/** The definition the decider records, defaults filled in and metrics without a target (left out or null) left out. */
export function toSlaPolicyDefinition(input: SlaPolicyInput): SlaPolicyDefinition {
  const priority = (targets?: Record<string, number | null | undefined>): SlaTargets =>
    Object.fromEntries(Object.entries(targets ?? {}).filter(([, value]) => typeof value === 'number'));
  return {
    name: input.name,
    tiers: input.tiers,
    calendarId: input.calendarId ?? null,
    targets: {
      low: priority(input.targets.low),
      normal: priority(input.targets.normal),
      high: priority(input.targets.high),
      urgent: priority(input.targets.urgent),
    },
    pauseStatuses: input.pauseStatuses ?? ['pending', 'on_hold'],
    atRiskMinutes: input.atRiskMinutes ?? 15,
  };
}
