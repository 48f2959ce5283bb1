// The chart's points of every channel: appended as live batches arrive (no per-frame rebuild),
// trimmed to the live window in chunks, or built on first use from a file's columns (a 5M-row
// file builds only the channels that are drawn). A channel's line joins its own values: a row
// without a value for it is skipped (MQTT topics and interleaved sensors fill one channel a row),
// and the line breaks only at a gap (lost data) or a row with no value at all.
// Callers: live/series-store.ts.
import type { SeriesTable } from '../../../shared/table';

import type { Point } from '../chart/forecast-chart';

export class ChartSeries {
  private readonly series = new Map<string, Point[]>();
  private source: SeriesTable | null = null;

  constructor(public windowPoints: number) {}

  /**
   * Starts over from `table` (a live snapshot, built now, or a file, built per channel on first
   * use); null starts empty.
   */
  reset(table: (SeriesTable & { gaps?: readonly number[] }) | null, lazy = false): void {
    this.series.clear();
    this.source = lazy ? table : null;
    if (!table || lazy) return;
    for (const ch of table.channels) this.series.set(ch.name, build(table, ch.values));
  }

  /** The points of `name` (the caller must not modify them; live appends grow the same array). */
  get(name: string | null): Point[] {
    if (name === null) return [];
    let pts = this.series.get(name);
    if (!pts) {
      const ch = this.source?.channels.find((c) => c.name === name);
      pts = this.source && ch ? build(this.source, ch.values) : [];
      this.series.set(name, pts);
    }
    return pts;
  }

  /** Appends one live row (`values[c]` belongs to `names[c]`; null is missing and skipped). */
  appendRow(t: number, names: readonly string[], values: readonly (number | null)[]): void {
    for (let c = 0; c < names.length; c++) {
      const v = values[c];
      if (v !== null && !Number.isNaN(v)) this.get(names[c]).push({ x: t, y: v });
    }
  }

  /** Breaks every line just before `t` (a gap in the data). */
  breakBefore(t: number): void {
    for (const pts of this.series.values()) pts.push({ x: t - 1e-3, y: Number.NaN });
  }

  /** Drops the oldest points beyond the window, in chunks, so arrays are not shifted on every batch. */
  trim(): void {
    for (const pts of this.series.values()) {
      const excess = pts.length - this.windowPoints;
      if (excess > Math.max(16, this.windowPoints * 0.05)) pts.splice(0, excess);
    }
  }
}

/** One channel's points: its values, a break before each gap row and at each row with no value at all. */
function build(table: SeriesTable & { gaps?: readonly number[] }, values: ArrayLike<number>): Point[] {
  const time = table.time;
  const gaps = new Set(table.gaps ?? []);
  const others = table.channels.map((c) => c.values).filter((v) => v !== values);
  const pts: Point[] = [];
  for (let i = 0; i < values.length; i++) {
    const x = time ? time[i] : i;
    if (gaps.has(i)) pts.push({ x: x - 1e-3, y: Number.NaN });
    const y = values[i];
    if (!Number.isNaN(y)) pts.push({ x, y });
    else if (others.every((v) => Number.isNaN(v[i]))) pts.push({ x, y: Number.NaN });
  }
  return pts;
}
