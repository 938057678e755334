import type { HealthFactor } from '@app/config';
import type { AccountSupportFacts } from '@app/projections';

/** The account's support as the SLA read model saw it, and what its retention read model knows. */
export interface HealthFacts extends AccountSupportFacts {
  lastNps: number | null;
  daysToRenewal: number;
}

export interface HealthFactorResult {
  factor: HealthFactor;
  /** The measured value (null: no data, the factor is left out of the mean). */
  value: number | null;
  score: number | null;
  weight: number;
  explanation: string;
}

export interface HealthScore {
  score: number | null;
  band: 'red' | 'yellow' | 'green' | null;
  factors: HealthFactorResult[];
}

const clamp = (score: number) => Math.round(Math.min(100, Math.max(0, score)) * 10) / 10;

/** Each factor's value and score (0–100), as docs/design.md defines them. */
function factorScores(facts: HealthFacts): Array<Omit<HealthFactorResult, 'weight'>> {
  const ended = facts.achieved90d + facts.breached90d;
  const compliance = ended > 0 ? facts.achieved90d / ended : null;
  const baseline = facts.opened30to90d / 2;
  const trend = facts.opened30d === 0 && baseline === 0 ? 1 : facts.opened30d / Math.max(baseline, 1);
  return [
    {
      factor: 'sla_compliance',
      value: compliance,
      score: compliance === null ? null : clamp(compliance * 100),
      explanation: `${facts.achieved90d} of ${ended} SLA targets achieved in 90 days`,
    },
    {
      factor: 'open_urgent_high',
      value: facts.openUrgentOrHigh,
      score: clamp(100 - 25 * facts.openUrgentOrHigh),
      explanation: `${facts.openUrgentOrHigh} open urgent or high tickets (−25 each)`,
    },
    {
      factor: 'escalations',
      value: facts.escalations90d,
      score: clamp(100 - 20 * facts.escalations90d),
      explanation: `${facts.escalations90d} escalations in 90 days (−20 each)`,
    },
    {
      factor: 'ticket_volume_trend',
      value: Math.round(trend * 100) / 100,
      score: clamp(trend <= 1 ? 100 : 100 - 50 * (trend - 1)),
      explanation: `${facts.opened30d} tickets in the last 30 days vs ${baseline} per 30 days before (−50 per doubling)`,
    },
    {
      factor: 'csat',
      value: facts.csatAverage90d,
      score: facts.csatAverage90d === null ? null : clamp(((facts.csatAverage90d - 1) / 4) * 100),
      explanation: 'average CSAT (1–5) of 90 days',
    },
    {
      factor: 'nps',
      value: facts.lastNps,
      score: facts.lastNps === null ? null : clamp(facts.lastNps * 10),
      explanation: 'latest NPS answer (0–10)',
    },
    {
      factor: 'days_to_renewal',
      value: facts.daysToRenewal,
      score: clamp((facts.daysToRenewal / 90) * 100),
      explanation: 'days until renewal (full score from 90 days out)',
    },
  ];
}

/** A weighted mean of the factor scores that have data (docs/design.md §4); bands red < 50 ≤ yellow < 75 ≤ green. */
export function healthScore(facts: HealthFacts, weights: Record<HealthFactor, number>): HealthScore {
  const factors = factorScores(facts).map((factor) => ({ ...factor, weight: weights[factor.factor] }));
  const counted = factors.filter((factor) => factor.score !== null && factor.weight > 0);
  const total = counted.reduce((sum, factor) => sum + factor.weight, 0);
  if (total === 0) return { score: null, band: null, factors };
  const score =
    Math.round((counted.reduce((sum, factor) => sum + (factor.score as number) * factor.weight, 0) / total) * 10) / 10;
  return { score, band: score < 50 ? 'red' : score < 75 ? 'yellow' : 'green', factors };
}
