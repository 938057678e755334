import { useEffect, useRef } from 'preact/hooks';
import uPlot from 'uplot';

export interface ChartSeries {
  label: string;
  values: Array<number | null>;
}

const COLOURS = ['#2563eb', '#d97706', '#059669', '#dc2626', '#7c3aed', '#0891b2', '#db2777'];

/**
 * A line chart of rates (0–1, shown in %) over labelled periods, drawn by uPlot on a canvas;
 * a missing value (no target ended in that period) leaves a gap rather than a fake zero.
 */
export function RateChart({ title, labels, series }: { title: string; labels: string[]; series: ChartSeries[] }) {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!box.current) return undefined;
    const options: uPlot.Options = {
      title,
      width: Math.max(320, box.current.clientWidth),
      height: 220,
      scales: { x: { time: false }, y: { range: [0, 1] } },
      axes: [
        { values: (_chart, ticks) => ticks.map((tick) => labels[tick] ?? '') },
        { values: (_chart, ticks) => ticks.map((tick) => `${Math.round(tick * 100)} %`) },
      ],
      series: [
        { label: 'period', value: (_chart, index) => labels[index] ?? '' },
        ...series.map((line, index) => ({
          label: line.label,
          stroke: COLOURS[index % COLOURS.length],
          width: 2,
          points: { show: true },
          value: (_chart: uPlot, rate: number | null) => (rate === null ? '—' : `${(rate * 100).toFixed(1)} %`),
        })),
      ],
    };
    const data = [labels.map((_label, index) => index), ...series.map((line) => line.values)] as uPlot.AlignedData;
    const chart = new uPlot(options, data, box.current);
    return () => chart.destroy();
  }, [title, labels, series]);
  return <div class="chart" ref={box} />;
}
