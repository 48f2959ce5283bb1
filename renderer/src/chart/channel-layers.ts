// The channels other than the target on the main chart: one thin line each in its own colour,
// on the y axis of its unit (see channel-plan.ts), greyed when stale; the y axes are made and
// titled here. Callers: chart/forecast-chart.ts, on every render.
import type { Chart, ChartDataset } from 'chart.js';

import type { AxisPlan } from './channel-plan';
import type { Point } from './forecast-chart';
import type { ThemeColors } from './theme';

export interface ChannelLayer {
  name: string;
  /** With its unit, for the legend and tooltip. */
  label: string;
  points: Point[];
  color: string;
  stale: boolean;
}

/** Greyed lines: a channel that stopped sending. */
const STALE_ALPHA = '55';

/**
 * Makes datasets `first`.. of `chart` the `layers` (with `points` already decimated) and its y
 * scales those of `plan`; `y` is the target's and always exists.
 */
export function applyLayers(chart: Chart<'line', Point[]>, first: number, layers: readonly ChannelLayer[], plan: AxisPlan, colors: ThemeColors): void {
  const ds = chart.data.datasets;
  ds.length = first + layers.length;
  layers.forEach((layer, i) => {
    const color = layer.stale ? `${colors.text}${STALE_ALPHA}` : layer.color;
    const d: ChartDataset<'line', Point[]> = ds[first + i] ?? { data: [], pointRadius: 0, pointHitRadius: 4, tension: 0, indexAxis: 'x' };
    d.label = layer.label;
    d.data = layer.points;
    d.borderColor = color;
    d.backgroundColor = color;
    d.borderWidth = 1;
    d.borderDash = layer.stale ? [2, 3] : [];
    d.yAxisID = plan.axisOf.get(layer.name) ?? 'y';
    ds[first + i] = d;
  });
  // Loosely typed: chart.js merges these partial options with its defaults.
  type Loose = Record<string, unknown> & { ticks?: object; grid?: object };
  const scales = chart.options.scales as Record<string, Loose>;
  for (const id of Object.keys(scales)) if (/^y\d+$/.test(id) && !plan.axes.some((a) => a.id === id)) delete scales[id];
  for (const axis of plan.axes) {
    const scale = (scales[axis.id] ??= { type: 'linear' });
    scale.position = axis.position;
    scale.display = axis.display;
    scale.title = { display: true, text: axis.title, color: colors.text };
    scale.ticks = { ...scale.ticks, color: colors.text, sampleSize: 20 };
    scale.grid = { ...scale.grid, color: colors.grid, drawOnChartArea: axis.id === 'y' };
  }
  if (!plan.axes.some((a) => a.id === 'y') && scales.y) scales.y.title = { display: false, text: '' };
}
