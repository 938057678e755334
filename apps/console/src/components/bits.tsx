import { humanize } from '../format';

export const href = (...parts: string[]): string => `#/${parts.map(encodeURIComponent).join('/')}`;

export function StateBadge({ state }: { state: string }) {
  return <span class={`badge state-${state}`}>{humanize(state)}</span>;
}

/** A bar of `value` out of `max`, its class giving the colour (state). */
export function Meter({ value, max, kind }: { value: number; max: number; kind: string }) {
  const share = max > 0 ? Math.min(1, Math.max(0, value / max)) : 0;
  return (
    <span class={`meter ${kind}`} role="meter" aria-valuenow={value} aria-valuemax={max}>
      <span style={{ width: `${(share * 100).toFixed(1)}%` }} />
    </span>
  );
}

export interface LogStep {
  position: string;
  type: string;
  recordedAt: string;
}

/**
 * Time travel over a stream's history: the slider picks one of its events, and the page shows what
 * the API answers as of that event's log position; at the right end, now.
 */
export function AsOfSlider({
  steps,
  asOf,
  onChange,
}: {
  steps: LogStep[];
  asOf: string | undefined;
  onChange: (position: string | undefined) => void;
}) {
  if (steps.length === 0) return null;
  const index = asOf === undefined ? steps.length : steps.findIndex((step) => step.position === asOf);
  const step = steps[index];
  return (
    <label class="as-of">
      As of{' '}
      <input
        type="range"
        min={0}
        max={steps.length}
        value={index}
        onInput={(event) => {
          const picked = Number((event.target as HTMLInputElement).value);
          onChange(picked >= steps.length ? undefined : steps[picked].position);
        }}
      />{' '}
      <span class="as-of-label">
        {step ? `event ${index + 1} of ${steps.length}: ${step.type} (position ${step.position})` : 'now'}
      </span>
    </label>
  );
}
