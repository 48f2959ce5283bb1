// The main chart's chart.js set-up: the five datasets of the target and its forecast (the other
// channels follow them, see channel-layers.ts), a time axis whose labels forecast-chart.ts words,
// the legend, min-max decimation, and wheel/pinch zoom and drag pan. Callers: forecast-chart.ts.
import {
  Chart,
  Decimation,
  Filler,
  Legend,
  LineController,
  LineElement,
  LinearScale,
  PointElement,
  TimeScale,
  Tooltip,
  type ChartConfiguration,
  type ChartDataset,
} from 'chart.js';
import 'chartjs-adapter-date-fns';
import zoomPlugin from 'chartjs-plugin-zoom';

import type { Point } from './forecast-chart';
import { backgroundPlugin, type ThemeColors } from './theme';

Chart.register(LineController, LineElement, PointElement, LinearScale, TimeScale, Filler, Legend, Tooltip, Decimation, zoomPlugin);

export { Chart };

/** Dataset indices of the target and its forecast. */
export const DS = { actual: 0, past: 1, lower: 2, upper: 3, mean: 4 } as const;

export interface ChartHooks {
  /** The x axis label of the tick at `value` (ticks: all of them, in order). */
  tickText(value: number, index: number, ticks: { value: number }[]): string;
  /** A legend entry was clicked; true when handled (else chart.js shows or hides the dataset). */
  legendClick(datasetIndex: number): boolean;
  /** A pan or zoom starts (return true to let it) and ends. */
  interactionStart(): boolean;
  interactionEnd(): void;
}

export function chartConfig(c: ThemeColors, hooks: ChartHooks): ChartConfiguration<'line', Point[]> {
  const line = (label: string, color: string, extra: Partial<ChartDataset<'line', Point[]>> = {}): ChartDataset<'line', Point[]> => ({
    label,
    data: [],
    borderColor: color,
    backgroundColor: color,
    borderWidth: 1.5,
    pointRadius: 0,
    pointHitRadius: 4,
    tension: 0,
    indexAxis: 'x',
    ...extra,
  });
  return {
    type: 'line',
    plugins: [backgroundPlugin],
    data: {
      datasets: [
        line('Actual', c.actual),
        line('Past forecasts', c.past, { borderDash: [4, 3], borderWidth: 1.25 }),
        line('Interval low', c.band, { borderWidth: 0, fill: false }),
        line('Interval', c.band, { borderWidth: 0, fill: '-1', backgroundColor: c.band }),
        line('Forecast', c.forecast, { borderWidth: 2.25 }),
      ],
    },
    options: {
      animation: false,
      parsing: false,
      normalized: true,
      responsive: true,
      maintainAspectRatio: false,
      interaction: { mode: 'nearest', axis: 'x', intersect: false },
      scales: {
        // sampleSize: measure a few tick labels, not all of them (a 1M-point file has many).
        x: {
          type: 'time',
          time: { tooltipFormat: 'yyyy-MM-dd HH:mm:ss' },
          ticks: { color: c.text, maxRotation: 0, autoSkipPadding: 24, sampleSize: 20, callback: (value, i, ticks) => hooks.tickText(Number(value), i, ticks) },
          grid: { color: c.grid },
        },
        y: { type: 'linear', position: 'left', ticks: { color: c.text, sampleSize: 20 }, grid: { color: c.grid } },
      },
      plugins: {
        decimation: { enabled: true, algorithm: 'min-max' },
        legend: {
          labels: { color: c.text, boxWidth: 14, boxHeight: 2, filter: (item) => item.text !== 'Interval low' },
          onClick: (e, item, legend) => {
            if (!hooks.legendClick(item.datasetIndex ?? 0)) Chart.defaults.plugins.legend.onClick.call(legend, e, item, legend);
          },
        },
        tooltip: { enabled: true, filter: (item) => item.datasetIndex !== DS.lower },
        zoom: {
          zoom: { wheel: { enabled: true }, pinch: { enabled: true }, mode: 'x', onZoomStart: () => hooks.interactionStart(), onZoomComplete: () => hooks.interactionEnd() },
          pan: { enabled: true, mode: 'x', onPanStart: () => hooks.interactionStart(), onPanComplete: () => hooks.interactionEnd() },
        },
      },
    },
  };
}
