// The chart's points of every channel: appended as live batches arrive (no per-frame rebuild),
// trimmed to the live window in chunks, or built on first use from a file's columns (a 5M-row
// file builds only the channels that are drawn). Callers: live/series-store.ts.
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
  reset(table: SeriesTable | null, lazy = false): void {
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

  /** Appends one live row (`values[c]` belongs to `names[c]`; null is missing). */
  appendRow(t: number, names: readonly string[], values: readonly (number | null)[]): void {
    for (let c = 0; c < names.length; c++) {
      const v = values[c];
      this.get(names[c]).push({ x: t, y: v === null ? Number.NaN : v });
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

function build(table: SeriesTable, values: ArrayLike<number>): Point[] {
  const time = table.time;
  const pts = new Array<Point>(values.length);
  for (let i = 0; i < values.length; i++) pts[i] = { x: time ? time[i] : i, y: values[i] };
  return pts;
}
