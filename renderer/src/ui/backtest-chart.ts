// The backtest's chart: one origin's forecast (a chosen method, its interval) against what
// happened, with a few horizons of history before the origin and a line at the origin.
// Callers: backtest-panel.ts.
import { Chart, Filler, Legend, LineController, LineElement, LinearScale, PointElement, TimeScale, Tooltip, type ChartDataset } from 'chart.js';
import 'chartjs-adapter-date-fns';

import type { ForecastMethod } from '../../../shared/model/types';

import { backgroundPlugin, themeColors } from '../chart/theme';
import { tickLabel } from '../chart/time-labels';
import type { BacktestView } from '../worker/messages';

Chart.register(LineController, LineElement, PointElement, LinearScale, TimeScale, Filler, Legend, Tooltip);

type Point = { x: number; y: number };

/** Rows of the span shown for origin `index`: history before it, its horizon and one more after. */
export function originWindow(view: BacktestView, index: number): { from: number; to: number; origin: number } {
  const origin = view.origins[index];
  const history = Math.max(3 * view.horizon, 2 * view.info.period, 24);
  return { from: Math.max(view.chartFrom, origin - history), to: Math.min(view.testTo, origin + 2 * view.horizon), origin };
}

export class BacktestChart {
  readonly chart: Chart<'line', Point[]>;

  constructor(canvas: HTMLCanvasElement) {
    const c = themeColors();
    const line = (label: string, color: string, extra: Partial<ChartDataset<'line', Point[]>> = {}): ChartDataset<'line', Point[]> => ({ label, data: [], borderColor: color, backgroundColor: color, borderWidth: 1.5, pointRadius: 0, tension: 0, ...extra });
    this.chart = new Chart<'line', Point[]>(canvas, {
      type: 'line',
      plugins: [backgroundPlugin],
      data: {
        datasets: [
          line('Actual', c.actual),
          line('Interval low', c.band, { borderWidth: 0 }),
          line('Interval', c.band, { borderWidth: 0, fill: '-1', backgroundColor: c.band }),
          line('Forecast', c.forecast, { borderWidth: 2.25 }),
          line('Seasonal naive', c.past, { borderDash: [4, 3], borderWidth: 1.25 }),
          line('Origin', c.text, { borderDash: [2, 2], borderWidth: 1 }),
        ],
      },
      options: {
        animation: false,
        parsing: false,
        responsive: true,
        maintainAspectRatio: false,
        interaction: { mode: 'nearest', axis: 'x', intersect: false },
        scales: {
          x: { type: 'linear', ticks: { color: c.text, maxRotation: 0, autoSkipPadding: 24 }, grid: { color: c.grid } },
          y: { type: 'linear', ticks: { color: c.text }, grid: { color: c.grid } },
        },
        plugins: {
          legend: { labels: { color: c.text, boxWidth: 14, boxHeight: 2, filter: (item) => item.text !== 'Interval low' && item.text !== 'Origin' } },
          tooltip: { filter: (item) => item.datasetIndex !== 1 && item.datasetIndex !== 5 },
        },
      },
    });
  }

  /** Draws origin `index` of the view with `method`'s forecast (and seasonal naive's, when it is another). */
  show(view: BacktestView, index: number, method: ForecastMethod): void {
    const { from, to, origin } = originWindow(view, index);
    const x = (row: number): number => (view.time ? view.time[row - view.chartFrom] : row);
    const actual: Point[] = [];
    for (let r = from; r < to; r++) actual.push({ x: x(r), y: view.actual[r - view.chartFrom] });
    const steps = (values: Float32Array | undefined): Point[] => {
      if (!values) return [];
      const out: Point[] = [];
      for (let h = 0; h < view.horizon; h++) out.push({ x: x(origin + h), y: values[index * view.horizon + h] });
      return out;
    };
    const f = view.forecasts[method];
    const naive = method === 'seasonal-naive' ? undefined : view.forecasts['seasonal-naive'];
    const ys = actual.map((p) => p.y).filter((y) => !Number.isNaN(y));
    const lo = Math.min(...ys);
    const hi = Math.max(...ys);
    const [a, low, band, mean, sn, mark] = this.chart.data.datasets;
    a.data = actual.map((p) => (Number.isNaN(p.y) ? { x: p.x, y: null as unknown as number } : p));
    low.data = steps(f?.lower);
    band.data = steps(f?.upper);
    mean.data = steps(f?.mean);
    mean.label = `Forecast (${method})`;
    sn.data = steps(naive?.mean);
    sn.hidden = !naive;
    mark.data = [
      { x: x(origin), y: lo },
      { x: x(origin), y: hi },
    ];
    const xs = this.chart.options.scales!.x!;
    if (view.time) {
      const step = view.info.intervalMs ?? (view.time.length > 1 ? view.time[1] - view.time[0] : 1000);
      xs.ticks!.callback = (value, i, ticks) => tickLabel(Number(value), Math.max(step, ticks.length > 1 ? ticks[1].value - ticks[0].value : step), i > 0 ? ticks[i - 1].value : null);
    } else xs.ticks!.callback = (value) => `row ${Number(value).toLocaleString('en-US')}`;
    this.chart.update('none');
  }

  destroy(): void {
    this.chart.destroy();
  }
}
