// The page's copy of the data being charted: a live ring buffer fed by sample batches, or a
// table imported from a file. Keeps the chart's points of every channel incrementally (no
// per-frame rebuild, see chart-series.ts), when each channel last had a value, and hands the
// worker rows in the model's channel order (rows(), for a new model and for each live batch).
// Callers: app.ts, session/forecast-controller.ts.
import type { HistoryWire, SampleBatchWire } from '../../../shared/api/contract';
import { RingBuffer } from '../../../shared/buffer/ring-buffer';
import { medianInterval } from '../../../shared/series/time-grid';
import type { SeriesTable } from '../../../shared/table';

import type { Point } from '../chart/forecast-chart';
import { ChartSeries } from './chart-series';
import { gapRows } from './gap-rows';

export interface StoreOptions {
  /** Samples kept for training and catching up. Default 200,000. */
  capacity?: number;
  /** Points of the target shown in the live window. Default 2,000. */
  windowPoints?: number;
}

export class SeriesStore {
  private buffer: RingBuffer;
  private file: SeriesTable | null = null;
  private readonly points: ChartSeries;
  private target: string | null = null;
  /** Latest value per channel, for the channel list. */
  readonly latest = new Map<string, number>();
  /** Time (ms) of each channel's latest value, live only: a channel that stopped goes stale. */
  readonly latestAt = new Map<string, number>();
  /** Units of the live channels (from the source's status). */
  units: Record<string, string> = {};

  constructor(private readonly options: StoreOptions = {}) {
    this.buffer = new RingBuffer({ capacity: options.capacity ?? 200_000, maxChannels: 256 });
    this.points = new ChartSeries(options.windowPoints ?? 2000);
  }

  get windowPoints(): number {
    return this.points.windowPoints;
  }

  get mode(): 'live' | 'file' {
    return this.file ? 'file' : 'live';
  }

  get channels(): readonly string[] {
    return this.file ? this.file.channels.map((c) => c.name) : this.buffer.channels;
  }

  get length(): number {
    return this.file ? (this.file.channels[0]?.values.length ?? 0) : this.buffer.length;
  }

  /** Starts a fresh live series (a new source). */
  resetLive(): void {
    this.file = null;
    this.intervalCache = { at: -1, value: 1000 };
    this.buffer = new RingBuffer({ capacity: this.options.capacity ?? 200_000, maxChannels: 256 });
    this.points.reset(null);
    this.latest.clear();
    this.latestAt.clear();
  }

  /** Loads what the hub already has (a page opened after the source started). */
  loadHistory(history: HistoryWire): void {
    this.resetLive();
    this.buffer.syncChannels(history.channels);
    const gaps = gapRows(history.t, history.gaps);
    for (let i = 0; i < history.t.length; i++) {
      if (gaps.has(i)) this.buffer.markGap();
      this.buffer.push(history.t[i], history.values[i].map((v) => (v === null ? Number.NaN : v)));
    }
    this.rebuildPoints();
  }

  /** Shows a file instead of the live data. */
  setFile(table: SeriesTable): void {
    this.file = table;
    this.rebuildPoints();
  }

  /** Changes how many live points the chart shows. */
  setWindowPoints(points: number): void {
    this.points.windowPoints = points;
    this.rebuildPoints();
  }

  get targetName(): string | null {
    return this.target;
  }

  setTarget(name: string | null): void {
    this.target = name;
  }

  /**
   * Appends a live batch; returns how many rows it added (the newest `rows`, see rows()) and which
   * of them, 0-based, follow a gap.
   */
  append(batch: SampleBatchWire): { rows: number; gaps: number[] } {
    this.buffer.syncChannels(batch.channels);
    const cols = batch.channels.map((name) => this.buffer.channels.indexOf(name));
    const width = this.buffer.channels.length;
    const live = this.file === null;
    const gaps = gapRows(batch.t, batch.gaps);
    for (let i = 0; i < batch.t.length; i++) {
      if (gaps.has(i)) {
        this.buffer.markGap();
        if (live) this.points.breakBefore(batch.t[i]);
      }
      const row = new Array<number>(width).fill(Number.NaN);
      const src = batch.values[i];
      for (let c = 0; c < cols.length; c++) {
        const v = src[c];
        if (cols[c] >= 0) row[cols[c]] = v === null ? Number.NaN : v;
        if (v !== null) {
          this.latest.set(batch.channels[c], v);
          this.latestAt.set(batch.channels[c], batch.t[i]);
        }
      }
      this.buffer.push(batch.t[i], row);
      if (live) this.points.appendRow(batch.t[i], batch.channels, src);
    }
    this.points.trim();
    return { rows: batch.t.length, gaps: [...gaps].sort((a, b) => a - b) };
  }

  private rebuildPoints(): void {
    if (this.file) this.points.reset(this.file, true);
    else this.points.reset(this.buffer.latest(this.windowPoints));
  }

  /** The target's points for the chart (the caller must not modify them). */
  chartPoints(): Point[] {
    return this.points.get(this.target);
  }

  /** Units of the channels in view: the file's columns, or the live source's. */
  unitsInView(): Record<string, string> {
    if (!this.file) return this.units;
    const out: Record<string, string> = {};
    for (const c of this.file.channels) if (c.unit) out[c.name] = c.unit;
    return out;
  }

  /** The points of any channel for the chart (the caller must not modify them). */
  channelPoints(name: string): Point[] {
    return this.points.get(name);
  }

  /** Every channel's newest `rows` points, copied (a paused chart scrolls back through them). */
  scrollBack(rows: number): ChartSeries {
    const copy = new ChartSeries(rows);
    copy.reset(this.file ?? this.buffer.latest(rows), this.file !== null);
    return copy;
  }

  /** The data shown: the whole file, or the live history. */
  table(): SeriesTable {
    if (this.file) return this.file;
    const snap = this.buffer.latest();
    return { time: snap.time, channels: snap.channels, intervalMs: snap.intervalMs };
  }

  /** The newest `maxRows` rows (the engine trains on recent windows only; more just slows its preparation). */
  recent(maxRows: number): SeriesTable {
    if (!this.file) {
      const snap = this.buffer.latest(maxRows);
      return { time: snap.time, channels: snap.channels, intervalMs: snap.intervalMs };
    }
    const n = this.length;
    if (n <= maxRows) return this.file;
    const from = n - maxRows;
    return {
      time: this.file.time ? this.file.time.slice(from) : null,
      channels: this.file.channels.map((c) => ({ ...c, values: c.values.slice(from) })),
      intervalMs: this.file.intervalMs,
    };
  }

  /** The newest `count` rows in `channels` order (model input; NaN for a channel the data lack), with their times. */
  rows(channels: readonly string[], count: number): { t: number[]; rows: number[][] } {
    const table = this.file ?? this.buffer.latest(count);
    const n = table.channels[0]?.values.length ?? 0;
    const from = Math.max(0, n - count);
    const cols = channels.map((name) => table.channels.find((c) => c.name === name)?.values ?? null);
    const t: number[] = [];
    const rows: number[][] = [];
    for (let i = from; i < n; i++) {
      t.push(table.time ? table.time[i] : i);
      rows.push(cols.map((c) => (c ? c[i] : Number.NaN)));
    }
    return { t, rows };
  }

  private intervalCache = { at: -1, value: 1000 };

  /**
   * The sample spacing (ms), or 1 row for files without a clock. Live: the mean spacing of the
   * last 1,000 samples, since a serial chunk stamps several lines with one receive time (a median
   * of differences would then be 0). Cached until 100 more samples arrived.
   */
  interval(): number {
    const table = this.file;
    if (table) return table.intervalMs ?? ((table.time && medianInterval(table.time.subarray(0, 1001))) || 1);
    const total = this.buffer.totalPushed;
    if (this.intervalCache.at >= 0 && total - this.intervalCache.at < 100) return this.intervalCache.value;
    const snap = this.buffer.latest(1000);
    const n = snap.time.length;
    const span = n > 1 ? snap.time[n - 1] - snap.time[0] : 0;
    const value = span > 0 ? span / (n - 1) : this.intervalCache.value;
    // Cached only once measured: the default of 1 s must not stand for the first 100 samples of a 50 Hz source.
    this.intervalCache = { at: span > 0 ? total : -1, value };
    return value;
  }

  /** The sample interval (ms) when the data in view have a clock, else null (a file of plain rows). */
  clockInterval(): number | null {
    if (this.file && !this.file.time) return null;
    const ms = this.interval();
    return ms > 0 ? ms : null;
  }
}
