export interface Figure {
  figure: string;
  value: number;
  unit: string;
  floor: number | null;
  ratio: number | null;
}

export function figure(name: string, value: number, unit: string, floor: number | null = null): Figure {
  const round = (n: number): number => Number(n.toPrecision(4));
  return {
    figure: name,
    value: round(value),
    unit,
    floor: floor === null ? null : round(floor),
    ratio: floor === null || floor === 0 ? null : Number((value / floor).toFixed(3)),
  };
}

export function percentile(samples: number[], p: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

export function formatTable(figures: Figure[]): string {
  const rows = [
    ['figure', 'value', 'unit', 'floor', 'ratio'],
    ...figures.map((f) => [
      f.figure,
      String(f.value),
      f.unit,
      f.floor === null ? '' : String(f.floor),
      f.ratio === null ? '' : String(f.ratio),
    ]),
  ];
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  const line = (r: string[]): string => `| ${r.map((c, i) => c.padEnd(widths[i])).join(' | ')} |`;
  return [line(rows[0]), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...rows.slice(1).map(line)].join('\n');
}
