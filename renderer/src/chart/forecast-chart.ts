// The main chart: live actual values, the forecast for the next H steps with its interval band
// drawn ahead of them, and past forecasts drawn against what happened. A real time axis (or a row
// axis for files without a clock), wheel/pinch zoom and drag pan, min-max decimation so a
// 1M-point log stays smooth. Callers: app.ts, which feeds it on animation frames.
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
  type ChartDataset,
} from 'chart.js';
import 'chartjs-adapter-date-fns';
import zoomPlugin from 'chartjs-plugin-zoom';

import { followRange, minMaxDecimate } from './axis';
import { backgroundPlugin, themeColors, type ThemeColors } from './theme';

Chart.register(LineController, LineElement, PointElement, LinearScale, TimeScale, Filler, Legend, Tooltip, Decimation, zoomPlugin);

/** One point; y NaN draws a gap (missing value or lost data). */
export interface Point {
  x: number;
  y: number;
}

export interface ForecastView {
  /** Times (ms, or row numbers) of the steps ahead. */
  x: number[];
  mean: number[];
  lower: number[];
  upper: number[];
}

const DS = { actual: 0, past: 1, lower: 2, upper: 3, mean: 4 } as const;

/** Longer series are decimated here before chart.js sees them. */
const BIG_SERIES = 50_000;

export class ForecastChart {
  readonly chart: Chart<'line', Point[]>;
  private follow = true;
  private actual: Point[] = [];
  private past: Point[] = [];
  private forecast: ForecastView | null = null;
  private timeAxis = true;
  private colors: ThemeColors;

  constructor(canvas: HTMLCanvasElement) {
    this.colors = themeColors();
    const c = this.colors;
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
    this.chart = new Chart<'line', Point[]>(canvas, {
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
          x: { type: 'time', time: { tooltipFormat: 'yyyy-MM-dd HH:mm:ss' }, ticks: { color: c.text, maxRotation: 0, autoSkipPadding: 24, sampleSize: 20 }, grid: { color: c.grid } },
          y: { type: 'linear', ticks: { color: c.text, sampleSize: 20 }, grid: { color: c.grid } },
        },
        plugins: {
          decimation: { enabled: true, algorithm: 'min-max' },
          legend: {
            labels: { color: c.text, boxWidth: 14, boxHeight: 2, filter: (item) => item.text !== 'Interval low' },
          },
          tooltip: { enabled: true, filter: (item) => item.datasetIndex !== DS.lower },
          zoom: {
            zoom: { wheel: { enabled: true }, pinch: { enabled: true }, mode: 'x', onZoomStart: () => this.stopFollowing(), onZoomComplete: () => this.render() },
            pan: { enabled: true, mode: 'x', onPanStart: () => this.stopFollowing(), onPanComplete: () => this.render() },
          },
        },
      },
    });
  }

  private stopFollowing(): boolean {
    this.follow = false;
    return true;
  }

  /** Back to following the live edge with the whole window in view. */
  resetView(): void {
    this.follow = true;
    this.chart.resetZoom('none');
    this.applyRange();
    this.chart.update('none');
  }

  get following(): boolean {
    return this.follow;
  }

  /** `time`: a date axis (ms); `rows`: row numbers for files without a clock. */
  setAxis(kind: 'time' | 'rows'): void {
    const timeAxis = kind === 'time';
    if (timeAxis === this.timeAxis) return;
    this.timeAxis = timeAxis;
    const x = this.chart.options.scales!.x as Record<string, unknown>;
    x.type = timeAxis ? 'time' : 'linear';
    this.chart.update('none');
  }

  setLabels(target: string, unit?: string): void {
    this.chart.data.datasets[DS.actual].label = unit ? `${target} (${unit})` : target;
  }

  /** Replaces the actual series (the caller owns the array and may keep appending to it). */
  setActual(points: Point[]): void {
    this.actual = points;
  }

  setForecast(view: ForecastView | null): void {
    this.forecast = view;
  }

  setPast(points: Point[]): void {
    this.past = points;
  }

  private applyRange(): void {
    const x = this.chart.options.scales!.x!;
    const range = this.follow ? followRange(this.actual, this.forecast?.x[this.forecast.x.length - 1]) : null;
    if (!range) return;
    x.min = range.min;
    x.max = range.max;
  }

  /**
   * What chart.js gets of a long series: min-max per pixel column of the visible range, so a
   * 1M-point file never makes chart.js build an element per point (its own decimation does, once
   * a zoom leaves fewer points in view than its threshold).
   */
  private visibleActual(): Point[] {
    const pts = this.actual;
    if (pts.length <= BIG_SERIES) return pts;
    const scale = this.chart.scales.x;
    const min = this.follow || !scale ? pts[0].x : scale.min;
    const max = this.follow || !scale ? pts[pts.length - 1].x : scale.max;
    return minMaxDecimate(pts, min, max, Math.max(200, Math.round((this.chart.width || 1000) * 1.5)));
  }

  /** Redraws with the current data; cheap enough for every animation frame. */
  render(): void {
    const ds = this.chart.data.datasets;
    ds[DS.actual].data = this.visibleActual();
    ds[DS.past].data = this.past;
    const f = this.forecast;
    ds[DS.mean].data = f ? f.x.map((x, i) => ({ x, y: f.mean[i] })) : [];
    ds[DS.lower].data = f ? f.x.map((x, i) => ({ x, y: f.lower[i] })) : [];
    ds[DS.upper].data = f ? f.x.map((x, i) => ({ x, y: f.upper[i] })) : [];
    this.applyRange();
    this.chart.update('none');
  }

  /** Re-reads the theme (dark mode follows the OS). */
  applyTheme(): void {
    const c = (this.colors = themeColors());
    const ds = this.chart.data.datasets;
    ds[DS.actual].borderColor = c.actual;
    ds[DS.past].borderColor = c.past;
    ds[DS.mean].borderColor = c.forecast;
    ds[DS.upper].backgroundColor = c.band;
    const scales = this.chart.options.scales!;
    for (const axis of [scales.x!, scales.y!]) {
      axis.ticks!.color = c.text;
      axis.grid!.color = c.grid;
    }
    this.chart.options.plugins!.legend!.labels!.color = c.text;
    this.chart.update('none');
  }

  toPng(): string {
    return this.chart.toBase64Image('image/png', 1);
  }
}
