// The main chart: the target's actual values, the forecast for the next H steps with its
// interval band drawn ahead of them, past forecasts drawn against what happened, and every other
// channel shown as a thin line on the axis of its unit (channel-layers.ts). A real time axis (or a
// row axis for files without a clock, labels as precise as their spacing), wheel/pinch zoom and
// drag pan (which pause following the live edge), min-max decimation so a 1M-point log stays
// smooth; chart.js's set-up is in chart-config.ts. Callers: chart/chart-view.ts, which feeds it
// on animation frames.
import { followRange, forecastFocus, minMaxDecimate } from './axis';
import { applyLayers, type ChannelLayer } from './channel-layers';
import type { AxisPlan } from './channel-plan';
import { Chart, chartConfig, DS } from './chart-config';
import { themeColors, type ThemeColors } from './theme';
import { labelStep, minTimeUnit, tickLabel, tooltipPattern } from './time-labels';

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

/** The other channels' datasets start here. */
const FIRST_CHANNEL = 5;

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
  private layers: ChannelLayer[] = [];
  private plan: AxisPlan = { axes: [], axisOf: new Map() };
  private targetStale = false;
  /** Zoom to the next forecast set (a file's first from a new model), unless the user has zoomed or panned by then. */
  private focusNext = false;
  /** Called when the chart starts or stops following the live edge (a pan or zoom pauses it). */
  onFollowChange: (following: boolean) => void = () => undefined;
  /** Called when a channel's legend entry is clicked (the channel list owns what is drawn). */
  onToggleChannel: (name: string) => void = () => undefined;

  constructor(canvas: HTMLCanvasElement) {
    this.colors = themeColors();
    this.chart = new Chart<'line', Point[]>(
      canvas,
      chartConfig(this.colors, {
        tickText: (value, i, ticks) => this.tickText(value, i, ticks),
        legendClick: (index) => {
          const layer = this.layers[index - FIRST_CHANNEL];
          if (layer) this.onToggleChannel(layer.name);
          return !!layer;
        },
        interactionStart: () => this.stopFollowing(),
        interactionEnd: () => this.render(),
      }),
    );
  }

  private stopFollowing(): boolean {
    if (this.follow) this.pause();
    return true;
  }

  /** Stops following the live edge: the x range stays where it is until resetView. */
  pause(): void {
    if (!this.follow) return;
    const x = this.chart.scales.x;
    const options = this.chart.options.scales!.x!;
    if (x) {
      options.min = x.min;
      options.max = x.max;
    }
    this.follow = false;
    this.onFollowChange(false);
  }

  /** Back to following the live edge with the whole window in view. */
  resetView(): void {
    const was = this.follow;
    this.follow = true;
    this.chart.resetZoom('none');
    this.applyRange();
    this.chart.update('none');
    if (!was) this.onFollowChange(true);
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

  /** Time ticks as precise as their spacing (see time-labels.ts); row numbers with separators. */
  private tickText(value: number, i: number, ticks: { value: number }[]): string {
    if (!this.timeAxis) return value.toLocaleString('en-US');
    const step = ticks.length > 1 ? ticks[1].value - ticks[0].value : 1000;
    const span = ticks.length > 1 ? ticks[ticks.length - 1].value - ticks[0].value : 0;
    // The first draw happens inside the Chart constructor, before this.chart is set.
    const width = (this.chart as Chart<'line', Point[]> | undefined)?.width || 1000;
    return tickLabel(value, labelStep(step, span, width), i > 0 ? ticks[i - 1].value : null);
  }

  /** The tooltip's time format for data `intervalMs` apart. */
  setInterval(intervalMs: number): void {
    const x = this.chart.options.scales!.x as { time?: { tooltipFormat?: string } };
    if (x.time) x.time.tooltipFormat = tooltipPattern(intervalMs);
  }

  /** Replaces the actual series (the caller owns the array and may keep appending to it). */
  setActual(points: Point[]): void {
    this.actual = points;
  }

  setForecast(view: ForecastView | null): void {
    this.forecast = view;
    const range = view && this.focusNext && this.follow ? forecastFocus(this.actual, view.x) : null;
    if (view) this.focusNext = false;
    if (!range) return;
    // The forecast and the rows before it, where they are a sliver of a long file; Reset view shows it all.
    this.chart.options.scales!.x!.min = range.min;
    this.chart.options.scales!.x!.max = range.max;
    this.follow = false;
    this.onFollowChange(false);
  }

  focusNextForecast(on: boolean): void {
    this.focusNext = on;
  }

  setPast(points: Point[]): void {
    this.past = points;
  }

  /** The other channels to draw and the y axes of all (see channel-plan.ts). */
  setChannels(layers: ChannelLayer[], plan: AxisPlan): void {
    this.layers = layers;
    this.plan = plan;
  }

  /** A target that stopped sending: its line is greyed and no forecast is drawn from stale data. */
  setTargetStale(stale: boolean): void {
    this.targetStale = stale;
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
  private visible(pts: Point[]): Point[] {
    if (pts.length <= BIG_SERIES) return pts;
    const scale = this.chart.scales.x;
    const min = this.follow || !scale ? pts[0].x : scale.min;
    const max = this.follow || !scale ? pts[pts.length - 1].x : scale.max;
    return minMaxDecimate(pts, min, max, Math.max(200, Math.round((this.chart.width || 1000) * 1.5)));
  }

  /** Redraws with the current data; cheap enough for every animation frame. */
  render(): void {
    const ds = this.chart.data.datasets;
    ds[DS.actual].data = this.visible(this.actual);
    ds[DS.actual].borderColor = this.targetStale ? this.colors.text : this.colors.actual;
    ds[DS.past].data = this.past;
    const f = this.targetStale ? null : this.forecast;
    ds[DS.mean].data = f ? f.x.map((x, i) => ({ x, y: f.mean[i] })) : [];
    ds[DS.lower].data = f ? f.x.map((x, i) => ({ x, y: f.lower[i] })) : [];
    ds[DS.upper].data = f ? f.x.map((x, i) => ({ x, y: f.upper[i] })) : [];
    applyLayers(this.chart, FIRST_CHANNEL, this.layers.map((l) => ({ ...l, points: this.visible(l.points) })), this.plan, this.colors);
    this.applyRange();
    this.fitTimeUnit();
    this.chart.update('none');
  }

  /** Ticks no finer than the labels that fit (see minTimeUnit). */
  private fitTimeUnit(): void {
    if (!this.timeAxis) return;
    const x = this.chart.options.scales!.x as { min?: number; max?: number; time?: { minUnit?: string } };
    const scale = this.chart.scales.x;
    const min = typeof x.min === 'number' ? x.min : scale?.min;
    const max = typeof x.max === 'number' ? x.max : scale?.max;
    if (x.time && min !== undefined && max !== undefined) x.time.minUnit = minTimeUnit(max - min, this.chart.width || 1000);
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

  /** The x range in view (times or row numbers), for the exported PNG's title; null before the first draw. */
  xRange(): { min: number; max: number } | null {
    const x = this.chart.scales.x;
    return x && Number.isFinite(x.min) && Number.isFinite(x.max) ? { min: x.min, max: x.max } : null;
  }

  /** True when the x axis shows times, false for row numbers. */
  get timeAxisShown(): boolean {
    return this.timeAxis;
  }

  toPng(): string {
    return this.chart.toBase64Image('image/png', 1);
  }
}
