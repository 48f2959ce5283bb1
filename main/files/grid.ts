// File import, stage 4: put rows on a regular time grid for the engine (documented gap policy).
//   - Rows out of order are sorted by time (counted).
//   - The interval is the median spacing, snapped to a round value within 2 %; monthly or yearly
//     dates use calendar months, so 28-31 day months still form one grid.
//   - Each row goes to its nearest grid slot; if that is taken, to the next slot when the row is
//     less than one interval before it (timing jitter). Rows left sharing a slot (duplicate
//     times): the later row in the file wins (counted as merged).
//   - A slot with no row is missing (NaN, counted): never interpolated here, never 0.
//   - Too irregular to grid (more than 4x as many slots as rows): left as read, interval null.
// Called by csv-importer.ts.
import { isCalendarMonthly, MONTH_MS, monthIndex } from '../../shared/series/time-grid';

export interface GridReport {
  /** The grid interval in ms (calendar grids: the mean month length times the step), or null. */
  intervalMs: number | null;
  /** `ms` for a fixed interval, `month` for calendar months (step in `calendarMonths`). */
  unit: 'ms' | 'month' | null;
  calendarMonths?: number;
  /** True when rows were moved onto a new grid (false: already regular, or left as read). */
  applied: boolean;
  /** Rows that came earlier in time than a row above them (the table is sorted). */
  outOfOrder: number;
  /** Rows sharing a grid slot with a later row (the later row wins). */
  merged: number;
  /** Empty grid slots, now missing values. */
  filled: number;
  /** Why no grid was applied, when it was not. */
  note?: string;
}

export interface Gridded {
  time: Float64Array;
  columns: Float64Array[];
  report: GridReport;
}

const NICE = [1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000, 5000, 10_000, 15_000, 20_000, 30_000, 60_000, 120_000, 300_000, 600_000, 900_000, 1_800_000, 3_600_000, 7_200_000, 10_800_000, 21_600_000, 43_200_000, 86_400_000, 604_800_000];

function snapInterval(ms: number): number {
  for (const n of NICE) if (Math.abs(ms - n) <= 0.02 * n) return n;
  return Math.round(ms);
}

export interface GridOptions {
  /**
   * Let go of each input column as soon as its sorted or gridded copy is made (the caller's array
   * then holds the new columns, and `timeIn` must not be used again): the memory peak is then
   * the result plus one column, not twice the result. Default false (inputs are not modified).
   */
  release?: boolean;
  /** Most bytes the gridded table may take; a grid larger than this is not applied (noted). Default: no limit. */
  maxBytes?: number;
}

/** Sorts by time with a typed index (no boxed array), one column at a time. */
function sortByTime(time: Float64Array, columns: Float64Array[], release: boolean): { time: Float64Array; columns: Float64Array[]; outOfOrder: number } {
  let outOfOrder = 0;
  let max = -Infinity;
  for (let i = 0; i < time.length; i++) {
    if (time[i] < max) outOfOrder++;
    else max = time[i];
  }
  if (outOfOrder === 0) return { time, columns, outOfOrder };
  const order = new Uint32Array(time.length);
  for (let i = 0; i < order.length; i++) order[i] = i;
  order.sort((a, b) => time[a] - time[b] || a - b);
  const permute = (col: Float64Array) => {
    const out = new Float64Array(order.length);
    for (let i = 0; i < order.length; i++) out[i] = col[order[i]];
    return out;
  };
  const out = release ? columns : columns.slice();
  for (let c = 0; c < out.length; c++) out[c] = permute(out[c]);
  return { time: permute(time), columns: out, outOfOrder };
}

/** Most spacings sorted for the median (8 MB); longer series use an even sample of their spacings. */
const MEDIAN_SAMPLE = 1 << 20;

/**
 * The lower median of the positive spacings (with one gap in three rows, the shorter step), or
 * null when there is none. Regular data needs no array at all; a long series uses an even sample,
 * so the memory stays small next to the columns (a 27 M-row file would need 216 MB for all of them).
 */
function medianSpacing(time: Float64Array, calendar: boolean): number | null {
  const spacing = calendar ? (i: number) => monthIndex(time[i]) - monthIndex(time[i - 1]) : (i: number) => time[i] - time[i - 1];
  let m = 0;
  let min = Infinity;
  let max = -Infinity;
  for (let i = 1; i < time.length; i++) {
    const d = spacing(i);
    if (d > 0) {
      m++;
      if (d < min) min = d;
      if (d > max) max = d;
    }
  }
  if (m === 0) return null;
  if (min === max) return min;
  const stride = Math.ceil(m / MEDIAN_SAMPLE);
  // Positive spacings in a typed array: its native numeric sort is fast on a million rows.
  const diffs = new Float64Array(Math.ceil(m / stride));
  let k = 0;
  let seen = 0;
  for (let i = 1; i < time.length; i++) {
    const d = spacing(i);
    if (d > 0 && seen++ % stride === 0) diffs[k++] = d;
  }
  const sorted = diffs.subarray(0, k).sort();
  return sorted[(k - 1) >> 1];
}

/** Sorts, detects the interval and regrids (see the policy above). Input arrays are not modified unless `release`. */
export function toRegularGrid(timeIn: Float64Array, columnsIn: Float64Array[], options: GridOptions = {}): Gridded {
  const release = options.release ?? false;
  const { time, columns, outOfOrder } = sortByTime(timeIn, columnsIn, release);
  const n = time.length;
  const base: GridReport = { intervalMs: null, unit: null, applied: false, outOfOrder, merged: 0, filled: 0 };
  if (n < 2) return { time, columns, report: { ...base, note: 'fewer than two rows' } };

  const calendar = isCalendarMonthly(time);
  const position = calendar ? (t: number) => monthIndex(t) : (t: number) => t;
  const median = medianSpacing(time, calendar);
  if (median === null) return { time, columns, report: { ...base, note: 'all rows have the same time' } };
  const step = calendar ? Math.max(1, Math.round(median)) : snapInterval(median);
  const unit = calendar ? 'month' : 'ms';
  const intervalMs = calendar ? step * MONTH_MS : step;
  const report: GridReport = { ...base, intervalMs, unit, ...(calendar ? { calendarMonths: step } : {}) };

  const origin = position(time[0]);
  const slots = Math.round((position(time[n - 1]) - origin) / step) + 1;
  let regular = slots === n;
  if (calendar) for (let i = 0; regular && i < n; i++) regular = monthIndex(time[i]) === origin + i * step;
  else for (let i = 0; regular && i < n; i++) regular = time[i] === origin + i * step;
  if (regular) return { time, columns, report };
  if (slots > Math.max(4 * n, n + 1000)) {
    return { time, columns, report: { ...report, intervalMs: null, note: `too irregular to grid: ${slots} slots for ${n} rows` } };
  }

  if (options.maxBytes !== undefined && slots * (columns.length + 1) * 8 > options.maxBytes) {
    return { time, columns, report: { ...report, intervalMs: null, note: `a regular grid of ${slots} slots would not fit in memory: left as read` } };
  }

  const gridTime = new Float64Array(slots);
  for (let s = 0; s < slots; s++) {
    if (calendar) {
      const m = origin + s * step;
      gridTime[s] = Date.UTC(Math.floor(m / 12), m % 12, new Date(time[0]).getUTCDate());
    } else gridTime[s] = time[0] + s * step;
  }
  // Each row's slot first, then the columns one by one (each input column let go when `release`).
  const slotOf = new Uint32Array(n);
  const taken = new Uint8Array(slots);
  let merged = 0;
  for (let i = 0; i < n; i++) {
    const exact = (position(time[i]) - origin) / step;
    let s = Math.round(exact);
    // Jitter: a row whose slot is taken moves to the next slot when it is less than one step early for it.
    if (taken[s] && s + 1 < slots && !taken[s + 1] && exact - (s + 1) > -1) s++;
    if (taken[s]) merged++;
    taken[s] = 1;
    slotOf[i] = s;
  }
  const gridColumns = release ? columns : columns.slice();
  for (let c = 0; c < gridColumns.length; c++) {
    const input = gridColumns[c];
    const out = new Float64Array(slots).fill(Number.NaN);
    // Rows in time order: a later row in the file that shares a slot overwrites the earlier one.
    for (let i = 0; i < n; i++) out[slotOf[i]] = input[i];
    gridColumns[c] = out;
  }
  let filled = 0;
  for (let s = 0; s < slots; s++) if (!taken[s]) filled++;
  return { time: gridTime, columns: gridColumns, report: { ...report, applied: true, merged, filled } };
}
